package org.polyplex.scraping.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Stream headers as a scraped M3U list hands them on: Kodi URLs are sources, unreadable headers warnings. */
class M3uSourceHeadersTest {

    @Test
    void shouldKeepKodiEntryWhenItsUrlCarriesHeaders() {
        ParseResult result = M3uSourceParser.parse("""
                #EXTM3U
                #EXTINF:-1 tvg-id="kodi.one",Kodi One
                http://cdn.example/one.ts|User-Agent=Kodi%2F20&Referer=https%3A%2F%2Fsite.example%2F
                """, 1000);

        assertThat(result.skipped()).isZero();
        assertThat(result.channels()).singleElement().satisfies(c -> {
            assertThat(c.url()).isEqualTo("http://cdn.example/one.ts");
            assertThat(c.headers()).isEqualTo(Map.of("User-Agent", "Kodi/20", "Referer", "https://site.example/"));
        });
    }

    @Test
    void shouldWarnAndKeepEntryWhenExthttpIsMalformed() {
        ParseResult result = M3uSourceParser.parse("""
                #EXTM3U
                #EXTINF:-1,Broken
                #EXTHTTP:{oops
                http://cdn.example/one.ts
                """, 1000);

        assertThat(result.channels()).singleElement().satisfies(c -> assertThat(c.headers()).isEmpty());
        assertThat(result.warnings()).containsExactly("an #EXTHTTP line is not a JSON object; its headers were ignored");
    }
}
