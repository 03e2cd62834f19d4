package org.polyplex.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.polyplex.scraping.Fixtures;

import org.junit.jupiter.api.Test;

class M3uParserTest {

    @Test
    void readsAttributesGroupsAndOptionsWithCrlfAndBom() {
        List<M3uEntry> entries = M3uParser.parse(new StringReader(Fixtures.text("playlist.m3u")));

        assertThat(entries).hasSize(7);
        M3uEntry news = entries.get(0);
        assertThat(news.url()).isEqualTo("http://stream.example/news.ts");
        assertThat(news.name()).isEqualTo("News UK HD");
        assertThat(news.duration()).isEqualTo(-1);
        assertThat(news.tvgId()).isEqualTo("news.uk");
        assertThat(news.tvgLogo()).isEqualTo("http://logos.example/news.png");
        assertThat(news.group()).isEqualTo("News, Weather");
        assertThat(news.channelNumber()).isEqualTo(5);
        assertThat(news.attribute("catchup")).isEqualTo("default");
        assertThat(news.attribute("catchup-days")).isEqualTo("7");

        M3uEntry ace = entries.get(1);
        assertThat(ace.url()).isEqualTo("acestream://0123456789ABCDEF0123456789abcdef01234567");
        assertThat(ace.tvgId()).isNull();
        assertThat(ace.vlcOptions()).containsExactly("http-user-agent=Mozilla/5.0", "http-referrer=http://ref.example/");

        assertThat(entries.get(2).group()).isEqualTo("Music");
        assertThat(entries.get(2).duration()).isZero();
        assertThat(entries.get(3).name()).isEqualTo("Nameless");
        assertThat(entries.get(3).vlcOptions()).isEmpty();
    }

    @Test
    void lfWithoutBomReadsTheSame() {
        assertThat(M3uParser.parse(new StringReader(Fixtures.text("playlist-lf.m3u"))))
                .isEqualTo(M3uParser.parse(new StringReader(Fixtures.text("playlist.m3u"))));
    }

    @Test
    void plainUrlListsAndUnquotedAttributes() {
        List<M3uEntry> entries = M3uParser.parse(new StringReader("""
                http://a.example/1.ts
                #EXTINF:-1 tvg-id=plain.id group-title="G",Plain
                http://a.example/2.ts
                #EXTINF:-1 tvg-name="No URL follows"
                """));

        assertThat(entries).extracting(M3uEntry::url).containsExactly("http://a.example/1.ts", "http://a.example/2.ts");
        assertThat(entries.get(0).name()).isNull();
        assertThat(entries.get(1).tvgId()).isEqualTo("plain.id");
        assertThat(entries.get(1).group()).isEqualTo("G");
    }

    @Test
    void cutsOverlongLines() {
        String junk = "x".repeat(100_000);
        List<M3uEntry> entries = M3uParser.parse(new StringReader("#EXTINF:-1," + junk + "\nhttp://a.example/1.ts\n"));

        assertThat(entries.get(0).name()).hasSizeLessThan(M3uParser.MAX_LINE);
    }
}
