package org.polyplex.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The HTTP headers entries ask for, in each form playlists write them. */
class M3uHeadersTest {

    private static List<M3uEntry> parse(String playlist) {
        return M3uParser.parse(new StringReader(playlist));
    }

    @Test
    void shouldReadExtvlcoptHeadersForTheNextUrlOnly() {
        List<M3uEntry> entries = parse("""
                #EXTM3U
                #EXTINF:-1,One
                #EXTVLCOPT:http-user-agent=VLC/3.0.18 LibVLC/3.0.18
                #EXTVLCOPT:http-referrer=https://site.example/player
                #EXTVLCOPT:network-caching=1000
                http://a.example/1.ts
                #EXTINF:-1,Two
                http://a.example/2.ts
                """);

        assertThat(entries.get(0).headers()).isEqualTo(Map.of("User-Agent", "VLC/3.0.18 LibVLC/3.0.18",
                "Referer", "https://site.example/player"));
        assertThat(entries.get(1).headers()).isEmpty();
    }

    @Test
    void shouldReadExtinfHeaderAttributes() {
        M3uEntry entry = parse("""
                #EXTINF:-1 tvg-id="a" http-referrer="https://ref.example/" http-user-agent="Agent/1",A
                http://a.example/1.ts
                #EXTINF:-1 user-agent="Other/2",B
                http://a.example/2.ts
                """).get(0);

        assertThat(entry.headers()).isEqualTo(Map.of("User-Agent", "Agent/1", "Referer", "https://ref.example/"));
    }

    @Test
    void shouldReadUserAgentAttribute() {
        assertThat(parse("#EXTINF:-1 user-agent=\"Other/2\",B\nhttp://a.example/2.ts\n").get(0).headers())
                .isEqualTo(Map.of("User-Agent", "Other/2"));
    }

    @Test
    void shouldSplitKodiUrlWhenItCarriesHeaders() {
        M3uEntry entry = parse(
                """
                        #EXTINF:-1,Kodi
                        http://a.example/live/1.m3u8?token=x|User-Agent=Mozilla%2F5.0%20(X11)&Referer=https%3A%2F%2Fsite.example%2F&X-Forwarded-For=1.2.3.4
                        """)
                .get(0);

        assertThat(entry.url()).isEqualTo("http://a.example/live/1.m3u8?token=x");
        assertThat(entry.headers()).isEqualTo(Map.of("User-Agent", "Mozilla/5.0 (X11)", "Referer", "https://site.example/",
                "X-Forwarded-For", "1.2.3.4"));
        assertThat(entry.headerProblems()).isEmpty();
    }

    @Test
    void shouldKeepPlusAndBadEscapesWhenKodiValuesAreDecoded() {
        M3uEntry entry = parse("http://a.example/1.ts|user-agent=A+B%zz%C3%A9&&\n").get(0);

        assertThat(entry.url()).isEqualTo("http://a.example/1.ts");
        assertThat(entry.headers()).isEqualTo(Map.of("User-Agent", "A+B%zz\u00e9"));
    }

    @Test
    void shouldReportKodiPartsWithoutName() {
        M3uEntry entry = parse("http://a.example/1.ts|justtext&Referer=r\n").get(0);

        assertThat(entry.headers()).isEqualTo(Map.of("Referer", "r"));
        assertThat(entry.headerProblems()).hasSize(1);
    }

    @Test
    void shouldReadExthttpJsonObject() {
        M3uEntry entry = parse("""
                #EXTINF:-1,Json
                #EXTHTTP:{"cookie":"sid=abc","User-Agent":"Json/1","x-num":5}
                http://a.example/1.ts
                """).get(0);

        assertThat(entry.headers()).isEqualTo(Map.of("Cookie", "sid=abc", "User-Agent", "Json/1", "X-Num", "5"));
    }

    @Test
    void shouldKeepEntryAndReportProblemWhenExthttpIsMalformed() {
        List<M3uEntry> entries = parse("""
                #EXTINF:-1,Broken
                #EXTHTTP:{"User-Agent": "x"
                http://a.example/1.ts
                #EXTHTTP:["not", "an object"]
                http://a.example/2.ts
                #EXTHTTP:{"User-Agent": {"nested": true}}
                http://a.example/3.ts
                """);

        assertThat(entries).extracting(M3uEntry::url).containsExactly("http://a.example/1.ts", "http://a.example/2.ts",
                "http://a.example/3.ts");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.headers()).isEmpty();
            assertThat(e.headerProblems()).hasSize(1);
        });
    }

    @Test
    void shouldLetLaterFormsOverrideEarlierCaseInsensitively() {
        M3uEntry entry = parse("""
                #EXTINF:-1 http-user-agent="FromExtinf" http-referrer="https://extinf.example/",Order
                #EXTVLCOPT:http-user-agent=FromVlc
                #EXTHTTP:{"user-agent":"FromJson","REFERER":"https://json.example/"}
                http://a.example/1.ts|USER-AGENT=FromKodi
                """).get(0);

        assertThat(entry.headers()).isEqualTo(Map.of("User-Agent", "FromKodi", "Referer", "https://json.example/"));
    }

    @Test
    void shouldCollectInjectionAttemptsForTheValidatorToRefuse() {
        // a decoded CR LF must reach the validator as it is: the parser never cleans it silently
        M3uEntry entry = parse("http://a.example/1.ts|User-Agent=ok%0D%0AHost:%20evil.example\n").get(0);

        assertThat(entry.url()).isEqualTo("http://a.example/1.ts");
        assertThat(entry.headers()).containsEntry("User-Agent", "ok\r\nHost: evil.example");
    }
}
