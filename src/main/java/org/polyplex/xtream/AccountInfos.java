package org.polyplex.xtream;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.proxy.StreamRoutes;
import org.polyplex.xtream.gate.XtreamConfig;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.model.AccountInfo;
import org.polyplex.xtream.model.ServerInfo;
import org.polyplex.xtream.model.UserInfo;

/** Builds {@code user_info} and {@code server_info} with the types panels use. */
@ApplicationScoped
class AccountInfos {

    private static final DateTimeFormatter TIME_NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final XtreamConfig config;
    private final StreamRoutes streams;
    private final ZoneId zone;

    AccountInfos(XtreamConfig config, StreamRoutes streams) {
        this.config = config;
        this.streams = streams;
        this.zone = ZoneId.of(config.timezone());
    }

    AccountInfo of(XtreamSession session) {
        return new AccountInfo(user(session.account(), session.password(), session.now()),
                server(session.address(), session.now()));
    }

    UserInfo user(Account account, String password, Instant now) {
        Account.Status status = account.status(now);
        return new UserInfo(account.username(), password, "", 1, status.xtream(),
                account.expiresAt() == null ? null : Long.toString(account.expiresAt().getEpochSecond()),
                account.trial() ? "1" : "0",
                Integer.toString(streams.activeConnections(account.id())),
                Long.toString(account.createdAt().getEpochSecond()),
                Integer.toString(account.maxConnections()),
                allowedFormats(account));
    }

    /** The configured formats, less those the line's access rules exclude. */
    private List<String> allowedFormats(Account account) {
        return config.allowedOutputFormats().stream()
                .filter(word -> StreamFormat.of(word).map(account.access()::allows).orElse(true)).toList();
    }

    ServerInfo server(ServerAddress address, Instant now) {
        return new ServerInfo(address.host(), Integer.toString(address.port()), Integer.toString(config.httpsPort()),
                address.scheme(), Integer.toString(config.rtmpPort()), zone.getId(), now.getEpochSecond(),
                TIME_NOW.format(now.atZone(zone)), true);
    }
}
