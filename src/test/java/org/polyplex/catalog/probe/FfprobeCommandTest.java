package org.polyplex.catalog.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FfprobeCommandTest {

    @Test
    void shouldPassTheUrlAsOneArgumentWithTimeoutsAndOnlyNetworkProtocols() {
        assertThat(FfprobeCommand.of("/usr/bin/ffprobe", "http://u:p@provider.example/a b;rm -rf", Duration.ofSeconds(15)))
                .containsExactly("/usr/bin/ffprobe", "-hide_banner", "-v", "error", "-of", "json", "-show_format",
                        "-show_streams", "-protocol_whitelist", "http,https,tcp,tls,crypto", "-rw_timeout", "15000000",
                        "-probesize", "5000000", "-analyzeduration", "5000000", "-i",
                        "http://u:p@provider.example/a b;rm -rf");
    }
}
