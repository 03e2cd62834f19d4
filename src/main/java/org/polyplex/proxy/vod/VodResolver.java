package org.polyplex.proxy.vod;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.VodCatalog;

/**
 * Turns an authenticated request for a movie, an episode or a legacy live stream into a
 * {@link VodTarget}: 401 for bad credentials, 429 when throttled, 403 for expired or disabled
 * lines and for entries outside the line's bouquets, 404 for unknown or malformed ids. Pure.
 */
final class VodResolver {

    /** {@code ID} or {@code ID.ext}: digits, then an optional 1-10 letter/digit extension. */
    private static final Pattern FILE = Pattern.compile("([0-9]{1,18})(?:\\.([A-Za-z0-9]{1,10}))?");

    /** What is asked for. */
    enum Kind {
        MOVIE,
        EPISODE,
        LIVE
    }

    private VodResolver() {
    }

    /** Parses {@code 123.mp4}; empty when malformed. */
    static OptionalLong id(String file) {
        Matcher m = FILE.matcher(file == null ? "" : file);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(m.group(1));
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    static VodTarget resolve(LineLogin login, CatalogSnapshot catalog, Instant now, Kind kind, OptionalLong id) {
        if (login instanceof LineLogin.Throttled) {
            return new VodTarget.Refuse(429, "too many failed logins");
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return new VodTarget.Refuse(401, "invalid credentials");
        }
        Account account = accepted.account();
        if (account.status(now) != Account.Status.ACTIVE) {
            return new VodTarget.Refuse(403, "account " + account.status(now).xtream().toLowerCase());
        }
        if (id.isEmpty()) {
            return new VodTarget.Refuse(404, "no such stream");
        }
        long wanted = id.getAsLong();
        var access = catalog.access(account.bouquetIds());
        return switch (kind) {
            case MOVIE -> catalog.vod().movie(wanted)
                    .<VodTarget> map(m -> access.canSeeCategory(m.categoryId())
                            ? new VodTarget.Proxy(m.sourceUrl(), "movie=" + m.id())
                            : forbidden())
                    .orElseGet(VodResolver::notFound);
            case EPISODE -> episode(catalog, wanted)
                    .<VodTarget> map(e -> visible(catalog, access, e)
                            ? new VodTarget.Proxy(e.sourceUrl(), "episode=" + e.id())
                            : forbidden())
                    .orElseGet(VodResolver::notFound);
            case LIVE -> catalog.channel(wanted)
                    .<VodTarget> map(c -> access.canSee(c)
                            ? new VodTarget.LiveRedirect(c.id())
                            : forbidden())
                    .orElseGet(VodResolver::notFound);
        };
    }

    private static Optional<VodCatalog.Episode> episode(CatalogSnapshot catalog, long id) {
        return catalog.vod().episode(id);
    }

    private static boolean visible(CatalogSnapshot catalog, CatalogSnapshot.Access access, VodCatalog.Episode e) {
        return catalog.vod().series(e.seriesId()).map(s -> access.canSeeCategory(s.categoryId())).orElse(false);
    }

    private static VodTarget forbidden() {
        return new VodTarget.Refuse(403, "not in this line's bouquets");
    }

    private static VodTarget notFound() {
        return new VodTarget.Refuse(404, "no such stream");
    }
}
