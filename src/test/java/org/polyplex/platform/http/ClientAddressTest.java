package org.polyplex.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.polyplex.platform.http.ClientAddressConfig.ForwardedHeader;

import org.junit.jupiter.api.Test;

/**
 * Who a request is attributed to: the peer unless it is a trusted proxy, then the right-most
 * untrusted hop of the one configured header; garbage stops the walk at the proxy that passed it.
 */
class ClientAddressTest {

    private static final ClientAddress NOBODY = new ClientAddress(List.of(), ForwardedHeader.X_FORWARDED_FOR);
    private static final ClientAddress BEHIND_XFF = new ClientAddress(
            List.of(IpRange.of("10.0.0.0/8"), IpRange.of("fd00::/8")), ForwardedHeader.X_FORWARDED_FOR);
    private static final ClientAddress BEHIND_FORWARDED = new ClientAddress(
            List.of(IpRange.of("10.0.0.0/8"), IpRange.of("::1")), ForwardedHeader.FORWARDED);

    @Test
    void shouldIgnoreTheHeadersWhenNoProxyIsTrusted() {
        assertThat(NOBODY.of("203.0.113.9", xff("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(NOBODY.of("10.0.0.1", xff("198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void shouldIgnoreTheHeaderFromAnUntrustedPeer() {
        assertThat(BEHIND_XFF.of("203.0.113.9", xff("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldTakeTheRightmostUntrustedHopBehindATrustedProxy() {
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the client wrote "1.1.1.1" itself; the proxy appended what it saw
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("1.1.1.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
        // two trusted proxies in a row
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("1.1.1.1, 198.51.100.1, 10.2.3.4"))).isEqualTo("198.51.100.1");
        // several header lines are one list, in order
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("1.1.1.1", "198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldTakeTheLeftmostHopWhenEveryHopIsTrusted() {
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("10.5.5.5, 10.2.3.4"))).isEqualTo("10.5.5.5");
    }

    @Test
    void shouldFallBackToThePeerWhenATrustedProxySendsNoHeader() {
        assertThat(BEHIND_XFF.of("10.0.0.1", xff())).isEqualTo("10.0.0.1");
    }

    @Test
    void shouldStopAtTheProxyThatPassedGarbage() {
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("198.51.100.1, unknown"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("198.51.100.1, 10.2.3.4, <script>"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("198.51.100.1, 10.2.3.4, ,"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("1.2.3.4.5"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("example.com"))).isEqualTo("10.0.0.1");
        // garbage to the left of the first untrusted hop is never looked at
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("garbage, 198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldReadPortsAndIpv6InXForwardedFor() {
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("[2001:db8::1]:4711"))).isEqualTo("2001:db8::1");
        assertThat(BEHIND_XFF.of("10.0.0.1", xff("::ffff:198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_XFF.of("fd00::5", xff("198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldReadRfc7239Forwarded() {
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=198.51.100.1;proto=https;by=10.0.0.1")))
                .isEqualTo("198.51.100.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=1.1.1.1, For=\"[2001:db8:cafe::17]:4711\"")))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=\"198.51.100.1:47011\""))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_FORWARDED.of("0:0:0:0:0:0:0:1", forwarded("for=\"[::1]:8080\", for=10.0.0.2")))
                .isEqualTo("::1");
        // a quoted comma or semicolon is part of the value, not a separator
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=198.51.100.1;ext=\"a,b;c\""))).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldStopAtTheProxyForHiddenOrMalformedForwardedNodes() {
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=198.51.100.1, for=unknown"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=_hidden"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("proto=https"))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=[2001:db8::1]"))).isEqualTo("2001:db8::1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=\"[2001:db8::1\""))).isEqualTo("10.0.0.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", forwarded("for=1.1.1.1;for=2.2.2.2"))).isEqualTo("10.0.0.1");
    }

    @Test
    void shouldReadOnlyTheConfiguredHeader() {
        Map<String, List<String>> both = Map.of("X-Forwarded-For", List.of("198.51.100.1"),
                "Forwarded", List.of("for=192.0.2.7"));
        assertThat(BEHIND_XFF.of("10.0.0.1", name -> both.getOrDefault(name, List.of()))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_FORWARDED.of("10.0.0.1", name -> both.getOrDefault(name, List.of()))).isEqualTo("192.0.2.7");
    }

    @Test
    void shouldWriteThePeerInCanonicalForm() {
        assertThat(NOBODY.of("0:0:0:0:0:0:0:1", xff())).isEqualTo("::1");
        assertThat(NOBODY.of("::ffff:192.0.2.1", xff())).isEqualTo("192.0.2.1");
        assertThat(NOBODY.of("fe80::1%eth0", xff())).isEqualTo("fe80::1");
        assertThat(NOBODY.of(null, xff())).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(NOBODY.of("not-an-address", xff())).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void shouldLookAtNoMoreThanTheRightmostHops() {
        String[] chain = new String[ForwardedHeaders.MAX_HOPS + 10];
        Arrays.fill(chain, "10.1.1.1");
        chain[0] = "198.51.100.1";
        assertThat(BEHIND_XFF.of("10.0.0.1", xff(String.join(",", chain)))).isEqualTo("10.1.1.1");
    }

    private static Function<String, List<String>> xff(String... lines) {
        return name -> name.equals("X-Forwarded-For") ? List.of(lines) : List.of();
    }

    private static Function<String, List<String>> forwarded(String... lines) {
        return name -> name.equals("Forwarded") ? List.of(lines) : List.of();
    }
}
