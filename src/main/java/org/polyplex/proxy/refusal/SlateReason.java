package org.polyplex.proxy.refusal;

import java.util.Optional;
import java.util.Set;

/** The refusals that have a slate, with the refusal codes each stands for and its built-in file. */
enum SlateReason {
    CONNECTION_LIMIT("connection-limit", Set.of("max_connections", "max_shared_viewers")),
    ACCOUNT_EXPIRED("account-expired", Set.of("account_expired")),
    CHANNEL_OFFLINE("channel-offline", Set.of("no_playable_source"));

    private final String key;
    private final Set<String> codes;

    SlateReason(String key, Set<String> codes) {
        this.key = key;
        this.codes = codes;
    }

    /** The reason's configuration key segment and the name of its built-in file. */
    String key() {
        return key;
    }

    /** The classpath resource of the built-in slate. */
    String resource() {
        return "slates/" + key + ".ts";
    }

    RefusalSlatesConfig.Reason config(RefusalSlatesConfig config) {
        return switch (this) {
            case CONNECTION_LIMIT -> config.connectionLimit();
            case ACCOUNT_EXPIRED -> config.accountExpired();
            case CHANNEL_OFFLINE -> config.channelOffline();
        };
    }

    static Optional<SlateReason> of(String code) {
        for (SlateReason reason : values()) {
            if (reason.codes.contains(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
