package org.polyplex.console.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The encoder's server line of a stream page, from the request's host and the RTMP port. */
class StreamServerLineTest {

    @Test
    void shouldNameTheRequestsHostAndTheConfiguredPort() {
        assertThat(StreamPages.server("rtmp", "tv.example.org", 1935)).isEqualTo("rtmp://tv.example.org:1935/live");
        assertThat(StreamPages.server("rtmp", "10.0.0.5", 19350)).isEqualTo("rtmp://10.0.0.5:19350/live");
    }

    @Test
    void shouldBracketAnIpv6HostOnce() {
        assertThat(StreamPages.server("rtmp", "::1", 1935)).isEqualTo("rtmp://[::1]:1935/live");
        assertThat(StreamPages.server("rtmp", "[::1]", 1935)).isEqualTo("rtmp://[::1]:1935/live");
    }

    @Test
    void shouldNameTheTlsPortForRtmps() {
        assertThat(StreamPages.server("rtmps", "tv.example.org", 1936)).isEqualTo("rtmps://tv.example.org:1936/live");
    }

    @Test
    void shouldGiveNoServerWhenThisNodeTakesNoRtmp() {
        assertThat(StreamPages.server("rtmp", "tv.example.org", 0)).isEmpty();
        assertThat(StreamPages.server("rtmp", null, 1935)).isEqualTo("rtmp://localhost:1935/live");
    }
}
