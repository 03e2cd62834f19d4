package org.polyplex.platform.http;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address, the one thing every throttle, limit, log line and connection count keys
 * on: the socket's peer, or behind a trusted reverse proxy ({@link ClientAddressConfig}) the
 * right-most hop of the forwarded chain that is not itself a trusted proxy. Walking from the
 * right matters: everything left of the first untrusted hop was written by the client. A hop
 * that names no address stops the walk at the proxy that passed it on. Addresses come out in
 * canonical form (IPv4-mapped IPv6 as IPv4, RFC 5952 IPv6), or {@link #UNKNOWN}. Never blocks:
 * the event loop calls it.
 */
@ApplicationScoped
public class ClientAddress {

    /** What a request without a usable peer address is attributed to. */
    public static final String UNKNOWN = "unknown";

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED = "Forwarded";

    private final List<IpRange> trusted;
    private final ClientAddressConfig.ForwardedHeader header;

    @Inject
    ClientAddress(ClientAddressConfig config) {
        this(config.trustedProxies().orElse(List.of()), config.forwardedHeader());
    }

    /** For plain tests and for code outside CDI. */
    public ClientAddress(List<IpRange> trustedProxies, ClientAddressConfig.ForwardedHeader header) {
        this.trusted = List.copyOf(trustedProxies);
        this.header = header;
    }

    /** The address a request is attributed to. */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return of(peer == null ? null : peer.hostAddress(), name -> request.headers().getAll(name));
    }

    /**
     * The address a request from {@code peer} (an IP literal, or null) is attributed to;
     * {@code headers} gives the lines of a request header by name and is asked only for a
     * trusted peer.
     */
    String of(String peer, Function<String, List<String>> headers) {
        byte[] address = IpAddresses.parse(peer);
        if (address == null) {
            return UNKNOWN;
        }
        if (trusted.isEmpty() || !trusted(address)) {
            return IpAddresses.format(address);
        }
        List<byte[]> hops = header == ClientAddressConfig.ForwardedHeader.FORWARDED
                ? ForwardedHeaders.forwarded(headers.apply(FORWARDED))
                : ForwardedHeaders.xForwardedFor(headers.apply(X_FORWARDED_FOR));
        return IpAddresses.format(resolve(address, hops, this::trusted));
    }

    /**
     * The right-most untrusted hop: starting at the peer and going left while the current hop is
     * trusted. A hop that names no address ends the walk at the trusted hop that reported it;
     * when every hop is trusted, the left-most one is the client.
     */
    static byte[] resolve(byte[] peer, List<byte[]> hops, Predicate<byte[]> trusted) {
        byte[] current = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted.test(current); i--) {
            byte[] hop = hops.get(i);
            if (hop == null) {
                return current;
            }
            current = hop;
        }
        return current;
    }

    private boolean trusted(byte[] address) {
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
