package org.polyplex.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class M3uWriterTest {

    @Test
    void extendedWritesTvgAttributesAndGroup() throws IOException {
        StringWriter out = new StringWriter();
        M3uWriter writer = new M3uWriter(out, true);
        writer.header("http://h:1/xmltv.php?username=u&password=p");
        writer.item(new PlaylistItem("alpha.example", "Alpha", "http://img/a.png", "News", 7, "http://h:1/live/u/p/1.ts"));
        writer.item(new PlaylistItem(null, "Movie", null, null, null, "http://h:1/movie/u/p/2.mp4"));
        assertThat(out.toString()).isEqualTo(
                """
                        #EXTM3U x-tvg-url="http://h:1/xmltv.php?username=u&password=p"
                        #EXTINF:-1 tvg-id="alpha.example" tvg-name="Alpha" tvg-logo="http://img/a.png" group-title="News" tvg-chno="7",Alpha
                        http://h:1/live/u/p/1.ts
                        #EXTINF:-1 tvg-id="" tvg-name="Movie" tvg-logo="" group-title="",Movie
                        http://h:1/movie/u/p/2.mp4
                        """);
    }

    @Test
    void plainWritesOnlyNames() throws IOException {
        StringWriter out = new StringWriter();
        M3uWriter writer = new M3uWriter(out, false);
        writer.header("http://ignored");
        writer.item(new PlaylistItem("x", "Alpha", "l", "g", 1, "http://h/1.ts"));
        assertThat(out.toString()).isEqualTo("#EXTM3U\n#EXTINF:-1,Alpha\nhttp://h/1.ts\n");
    }

    @Test
    void valuesCannotBreakLinesOrAttributes() throws IOException {
        StringWriter out = new StringWriter();
        new M3uWriter(out, true).item(new PlaylistItem("a\"b", "Evil\n#EXTINF:-1,x\nhttp://evil", null,
                "G\r\n", null, "http://h/1.ts"));
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString()).contains("tvg-id=\"a\u201Db\"");
    }

    @Test
    void aQuotedNameStaysExactAfterTheCommaAndLeavesTvgNameOut() throws IOException {
        StringWriter out = new StringWriter();
        new M3uWriter(out, true).item(new PlaylistItem("beta.example", "Beta \"Live\" \uD83D\uDCFA", "http://img/b\".png",
                "Kids \"Club\"", null, "http://h/2.ts"));
        assertThat(out.toString()).isEqualTo(
                "#EXTINF:-1 tvg-id=\"beta.example\" tvg-logo=\"http://img/b%22.png\" group-title=\"Kids \u201DClub\u201D\","
                        + "Beta \"Live\" \uD83D\uDCFA\nhttp://h/2.ts\n");
        M3uEntry parsed = M3uParser.parse(new StringReader(out.toString())).get(0);
        assertThat(parsed.title()).isEqualTo("Beta \"Live\" \uD83D\uDCFA");
        assertThat(parsed.attributes()).containsEntry("tvg-id", "beta.example").doesNotContainKey("tvg-name");
    }
}
