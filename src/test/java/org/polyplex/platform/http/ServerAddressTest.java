package org.polyplex.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.net.HostAndPort;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    private final PublicAddressConfig config = TestConfigs.defaults(PublicAddressConfig.class);

    @Test
    void takesHostAndPortFromTheHostHeader() {
        assertThat(ServerAddress.of(config, "http", HostAndPort.parseAuthority("tv.example:8080", -1)))
                .isEqualTo(new ServerAddress("http", "tv.example", 8080));
        assertThat(ServerAddress.of(config, "https", HostAndPort.parseAuthority("tv.example", -1)))
                .isEqualTo(new ServerAddress("https", "tv.example", 443));
        assertThat(ServerAddress.of(config, "http", HostAndPort.parseAuthority("[::1]:81", -1)))
                .isEqualTo(new ServerAddress("http", "[::1]", 81));
    }

    @Test
    void neverEchoesGarbageFromTheHostHeader() {
        assertThat(ServerAddress.of(config, "http", HostAndPort.create("evil\"\n#EXTINF", 80)).host()).isEqualTo("localhost");
        assertThat(ServerAddress.of(config, "http", (HostAndPort) null).baseUrl()).isEqualTo("http://localhost:80");
    }

    @Test
    void shouldPreferTheConfiguredPublicAddressWhenSet() {
        PublicAddressConfig fixed = TestConfigs.of(PublicAddressConfig.class, Map.of("polyplex.xtream.public-host",
                "tv.example", "polyplex.xtream.public-port", "8443", "polyplex.xtream.public-scheme", "https"));
        assertThat(ServerAddress.of(fixed, "http", HostAndPort.create("other", 80)))
                .isEqualTo(new ServerAddress("https", "tv.example", 8443));
    }

    @Test
    void streamUrlsEncodeCredentialsAsPathSegments() {
        StreamUrls urls = new StreamUrls(new ServerAddress("http", "h", 1), "a b", "p/q");
        assertThat(urls.live(5, "ts")).isEqualTo("http://h:1/live/a%20b/p%2Fq/5.ts");
        assertThat(urls.movie(6, "mp4")).isEqualTo("http://h:1/movie/a%20b/p%2Fq/6.mp4");
        assertThat(urls.episode(7, "mkv")).isEqualTo("http://h:1/series/a%20b/p%2Fq/7.mkv");
        assertThat(urls.xmltv()).isEqualTo("http://h:1/xmltv.php?username=a+b&password=p%2Fq");
    }
}
