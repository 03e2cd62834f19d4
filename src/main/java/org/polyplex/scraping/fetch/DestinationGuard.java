package org.polyplex.scraping.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.polyplex.scraping.source.ScrapingConfig;

/**
 * Keeps scraped content from sending Polyplex to internal destinations (SSRF): a URL that a
 * scraped document names (a channel source, a playlist link) or that a server redirects to must
 * not reach loopback, link-local (cloud metadata at 169.254.169.254) or, unless allowed, private
 * addresses, checked on the literal host and on every address its name resolves to. The host of
 * the source URL the admin configured is trusted: the admin chose it. Pure apart from DNS.
 */
public final class DestinationGuard {

    /** Looks up a host's addresses; {@link InetAddress#getAllByName} outside tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowLinkLocal;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public DestinationGuard(ScrapingConfig.Ssrf config) {
        this(config.allowLoopback(), config.allowLinkLocal(), config.allowPrivate(), InetAddress::getAllByName);
    }

    public DestinationGuard(boolean allowLoopback, boolean allowLinkLocal, boolean allowPrivate, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowLinkLocal = allowLinkLocal;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** A check for one run; {@code trustedHost} (the configured source's host) always passes. */
    public Check check(String trustedHost) {
        return new Check(trustedHost == null ? null : trustedHost.toLowerCase(Locale.ROOT));
    }

    /** The host of a URL in lower case, or null. */
    public static String host(String url) {
        try {
            String host = new URI(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return null;
        }
    }

    /** One run's checks, with each host resolved once. */
    public final class Check {

        private final String trustedHost;
        private final Map<String, String> verdicts = new HashMap<>();

        private Check(String trustedHost) {
            this.trustedHost = trustedHost;
        }

        /** Why the URL is refused, or null when it may be used; non-http(s) URLs are not network destinations here. */
        public String refusal(String url) {
            if (allowLoopback && allowLinkLocal && allowPrivate) {
                return null;
            }
            String host = host(url);
            if (host == null || host.equals(trustedHost)) {
                return null;
            }
            return verdicts.computeIfAbsent(host, this::judge);
        }

        private String judge(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                return null; // nowhere to connect to now; unresolvable hosts fail when played, not here
            }
            for (InetAddress address : addresses) {
                String kind = kind(address);
                if (kind != null) {
                    return "host " + host + (bare.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
                            + " is a " + kind;
                }
            }
            return null;
        }
    }

    /** What kind of refused address this is, or null when it is allowed. */
    String kind(InetAddress address) {
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress() && !v6.isLoopbackAddress()
                && !v6.isAnyLocalAddress()) {
            byte[] b = v6.getAddress();
            try {
                address = InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
            } catch (UnknownHostException e) {
                return "private address";
            }
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return allowLoopback ? null : "loopback address (polyplex.scraping.ssrf.allow-loopback)";
        }
        if (address.isLinkLocalAddress()) {
            return allowLinkLocal ? null : "link-local address (polyplex.scraping.ssrf.allow-link-local)";
        }
        if (isPrivate(address)) {
            return allowPrivate ? null : "private address (polyplex.scraping.ssrf.allow-private)";
        }
        return null;
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)
                    || (a0 == 100 && a1 >= 64 && a1 <= 127) || a0 == 0;
        }
        return address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc; // fec0::/10 and unique local fc00::/7
    }
}
