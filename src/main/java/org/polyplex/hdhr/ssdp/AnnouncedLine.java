package org.polyplex.hdhr.ssdp;

import java.net.Inet4Address;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.polyplex.hdhr.HdhrConfig;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.StreamUrls;

/**
 * The one line announced on the LAN (by SSDP, by SiliconDust's UDP discovery, or both): the line
 * of {@code polyplex.hdhr.ssdp.username} / {@code password}, and the base URL of its tuner as an
 * asker sees it. A discovery request is anonymous, so the announcement can only be of a line the
 * operator chose; both responders read it from here so that they never disagree.
 */
final class AnnouncedLine {

    private final HdhrConfig.Ssdp settings;
    private final PublicAddressConfig publicAddress;
    private final IntSupplier httpPort;

    AnnouncedLine(HdhrConfig.Ssdp settings, PublicAddressConfig publicAddress, IntSupplier httpPort) {
        this.settings = settings;
        this.publicAddress = publicAddress;
        this.httpPort = httpPort;
    }

    /** Why a responder that announces the line cannot start, or empty when it can. */
    static Optional<String> problem(HdhrConfig.Ssdp settings, String enabledKey) {
        if (settings.username().isEmpty() || settings.password().isEmpty()) {
            return Optional.of(enabledKey + "=true needs polyplex.hdhr.ssdp.username and "
                    + "polyplex.hdhr.ssdp.password: the line whose tuner is announced");
        }
        return Optional.empty();
    }

    String username() {
        return settings.username().orElseThrow();
    }

    /**
     * {@code http://host:port/hdhr/u/p}: the host is {@code advertised-host}, else the public host
     * (with its scheme and port), else our address on the asker's subnet; the port the one the
     * HTTP server really listens on (a configured 0 is a free port picked at start).
     */
    String baseUrl(Inet4Address facing) {
        int port = httpPort.getAsInt();
        String base;
        if (settings.advertisedHost().isPresent()) {
            base = "http://" + settings.advertisedHost().get() + ":" + port;
        } else if (publicAddress.publicHost().isPresent()) {
            String scheme = publicAddress.publicScheme().orElse("http").toLowerCase(Locale.ROOT);
            base = scheme + "://" + publicAddress.publicHost().get() + ":"
                    + publicAddress.publicPort().orElse(scheme.equals("https") ? 443 : port);
        } else {
            base = "http://" + facing.getHostAddress() + ":" + port;
        }
        return base + "/hdhr/" + StreamUrls.segment(username()) + "/"
                + StreamUrls.segment(settings.password().orElseThrow());
    }
}
