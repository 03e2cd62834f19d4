package org.polyplex.scraping.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.polyplex.scraping.Fixtures;
import org.polyplex.scraping.source.ScrapeFailure;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void m3uKeepsValidEntriesAndSaysWhyOthersWereSkipped() {
        ParseResult result = M3uSourceParser.parse(Fixtures.text("playlist.m3u"), 1000);

        assertThat(result.channels()).extracting(ScrapedChannel::url).containsExactly(
                "http://stream.example/news.ts",
                "acestream://0123456789abcdef0123456789abcdef01234567",
                "https://music.example/live/index.m3u8",
                "http://stream.example/nameless.ts");
        assertThat(result.channels().get(0)).isEqualTo(new ScrapedChannel("News UK HD", "http://stream.example/news.ts",
                "news.uk", "http://logos.example/news.png", "News, Weather", 5));
        assertThat(result.skipped()).isEqualTo(3);
        assertThat(result.skipReasons()).containsExactly(
                "invalid id or URL for 'Evil': scheme 'javascript:' is not allowed",
                "invalid id or URL for 'Local file': scheme 'file:' is not allowed",
                "duplicate id for 'News UK copy' (first listed as 'News UK HD')");
    }

    @Test
    void shouldSkipTheLastEntryWhenItsLineHasNoLineEnd() {
        String list = "#EXTM3U\r\n#EXTINF:-1,One\r\nhttp://a.example/1.ts\r\n#EXTINF:-1,Two\r\nhttp://a.example/live/2.t";

        ParseResult cut = M3uSourceParser.parse(list, 1000);

        assertThat(cut.channels()).extracting(ScrapedChannel::url).containsExactly("http://a.example/1.ts");
        assertThat(cut.skipped()).isEqualTo(1);
        assertThat(cut.skipReasons()).singleElement().asString().startsWith("last entry without a line end");
        assertThat(M3uSourceParser.parse(list + "s\n", 1000).channels()).extracting(ScrapedChannel::url)
                .containsExactly("http://a.example/1.ts", "http://a.example/live/2.ts");
        // a directive or blank line after the last URL ends it, whatever follows
        assertThat(M3uSourceParser.parse(list + "s\r\n#EXT-X-ENDLIST", 1000).skipped()).isZero();
        assertThat(M3uSourceParser.parse(list + "s\r", 1000).skipped()).isZero();
    }

    @Test
    void shouldKeepUrlsThatPlayersOpenWhenAListHoldsThem() {
        ParseResult result = M3uSourceParser.parse("""
                #EXTM3U
                #EXTINF:-1,Edge
                http://edge_7.akamai.example/live/master.m3u8
                #EXTINF:-1,Template
                https://cdn.example/live.m3u8?token={{TOKEN}}
                #EXTINF:-1,Bracket
                http://cdn.example/live/2.m3u8]
                #EXTINF:-1,Nothing
                http:///nohost.ts
                """, 1000);

        assertThat(result.channels()).extracting(ScrapedChannel::url).containsExactly(
                "http://edge_7.akamai.example/live/master.m3u8", "https://cdn.example/live.m3u8?token=%7B%7BTOKEN%7D%7D",
                "http://cdn.example/live/2.m3u8%5D");
        assertThat(result.skipped()).isEqualTo(1);
    }

    @Test
    void shouldJoinTheGroupsOfAChannelListedOncePerGroup() {
        ParseResult result = M3uSourceParser.parse("""
                #EXTM3U
                #EXTINF:-1 group-title="General",Multi
                http://a.example/multi.m3u8
                #EXTINF:-1 group-title="News;general",Multi
                http://a.example/multi.m3u8
                #EXTINF:-1 group-title="News",Multi
                http://a.example/multi.m3u8
                """, 1000);

        assertThat(result.channels()).singleElement().extracting(ScrapedChannel::group).isEqualTo("General;News");
        assertThat(result.skipReasons()).containsExactly("duplicate entry 'Multi'");
    }

    @Test
    void jsonChannelsObject() {
        ParseResult result = JsonChannelParser.parse(Fixtures.bytes("channels.json"), 1000);

        assertThat(result.channels()).containsExactly(
                new ScrapedChannel("Sport One", "acestream://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null,
                        "http://logos.example/s1.png", "Sports", null),
                new ScrapedChannel("Sport Two", "acestream://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, null, "Sports",
                        null));
        assertThat(result.skipReasons()).containsExactly("invalid id or URL for 'Broken': 'not-an-id'",
                "duplicate id for 'Sport One Again' (first listed as 'Sport One')");
    }

    @Test
    void jsonTopLevelArrayWithOtherKeys() {
        ParseResult result = JsonChannelParser.parse(Fixtures.bytes("array.json"), 1000);

        assertThat(result.channels()).containsExactly(
                new ScrapedChannel("Movie Channel", "acestream://cccccccccccccccccccccccccccccccccccccccc", null, null,
                        "Movies", null),
                new ScrapedChannel("Kids", "acestream://dddddddddddddddddddddddddddddddddddddddd", null, null, null, null),
                new ScrapedChannel("Web TV", "https://tv.example/web.m3u8", "web.tv", null, null, 12));
        assertThat(result.skipped()).isEqualTo(1);
    }

    @Test
    void shouldNotMakeAGroupOfTheKeyWhenAJsonListSitsUnderLinks() {
        String json = """
                {"name": "Some list", "links": [
                  {"name": "Web TV", "url": "https://tv.example/web.m3u8"},
                  {"name": "Grouped", "url": "https://tv.example/g.m3u8", "group": "News"}
                ], "Sports": [{"name": "Late", "url": "https://tv.example/late.m3u8"}]}
                """;
        ParseResult result = JsonChannelParser.parse(json.getBytes(StandardCharsets.UTF_8), 1000);

        assertThat(result.channels()).extracting(ScrapedChannel::name, ScrapedChannel::group).containsExactly(
                Tuple.tuple("Web TV", null), Tuple.tuple("Grouped", "News"));
        ParseResult upper = JsonChannelParser.parse(
                "{\"Links\": [{\"name\": \"A\", \"url\": \"https://tv.example/a.m3u8\"}]}".getBytes(StandardCharsets.UTF_8),
                1000);
        assertThat(upper.channels()).extracting(ScrapedChannel::group).containsExactly((String) null);
    }

    @Test
    void jsonNestedCategories() {
        ParseResult result = JsonChannelParser.parse(Fixtures.bytes("nested.json"), 1000);

        assertThat(result.channels()).extracting(ScrapedChannel::name, ScrapedChannel::group).containsExactly(
                Tuple.tuple("Match 1", "Football"),
                Tuple.tuple("Match 2", "Football"),
                Tuple.tuple("Court 1", "Tennis"));
    }

    @Test
    void shouldStopAtTheEntryCapWhileStreamingWhenAJsonListIsTooLong() {
        StringBuilder json = new StringBuilder("{\"channels\":[");
        for (int i = 0; i < 1_001; i++) {
            json.append("{\"name\":\"C").append(i).append("\",\"id\":\"").append(String.format("%040x", i)).append("\"},");
        }
        byte[] body = json.append("{\"name\": this document never ends well").toString().getBytes(StandardCharsets.UTF_8);

        // streaming: the cap is hit while reading, before the broken tail (a whole tree would be built first)
        assertThatThrownBy(() -> JsonChannelParser.parse(body, 1000)).isInstanceOf(ScrapeFailure.class)
                .hasMessage("more than 1000 entries (polyplex.scraping.max-entries)");
    }

    @Test
    void malformedJsonFailsWithWhere() {
        assertThatThrownBy(() -> JsonChannelParser.parse(Fixtures.bytes("malformed.json"), 1000))
                .isInstanceOf(ScrapeFailure.class)
                .hasMessageStartingWith("malformed JSON at line 2");
    }

    @Test
    void jsonThatIsNotUtf8Fails() {
        byte[] latin1 = "[{\"name\":\"Caf\u00e9\",\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> JsonChannelParser.parse(latin1, 1000)).isInstanceOf(ScrapeFailure.class)
                .hasMessageContaining("malformed JSON").hasMessageContaining("UTF-8");
    }

    @Test
    void htmlLinksIdsScriptsAndPlaylists() {
        ParseResult result = HtmlChannelParser.parse(Fixtures.text("page.html"), "http://site.example/today/", 1000);

        assertThat(result.channels()).extracting(ScrapedChannel::name, ScrapedChannel::url).containsExactlyInAnyOrder(
                Tuple.tuple("Football: Reds v Blues", "acestream://4444444444444444444444444444444444444444"),
                Tuple.tuple("Tennis Final", "acestream://5555555555555555555555555555555555555555"),
                Tuple.tuple("From Script", "acestream://2222222222222222222222222222222222222222"),
                Tuple.tuple("Assigned", "acestream://3333333333333333333333333333333333333333"),
                Tuple.tuple("Backup stream", "acestream://6666666666666666666666666666666666666666"));
        assertThat(result.links()).containsExactly("http://site.example/lists/sports.m3u", "http://other.example/all.m3u8?x=1");
        assertThat(result.skipReasons()).containsExactly(
                "duplicate id for 'Same id, other name' (first listed as 'Football: Reds v Blues')");
        assertThat(result.warnings()).containsExactly("a <script> block holds no readable JSON");
    }

    @Test
    void htmlWithJavascriptAndFileLinksOnlyFindsNothing() {
        ParseResult result = HtmlChannelParser.parse("<a href='javascript:x()'>x</a><a href='file:///x.m3u'>f</a>",
                "http://site.example/", 10);

        assertThat(result.channels()).isEmpty();
        assertThat(result.links()).isEmpty();
    }

    @Test
    void htmlWithHundredThousandLinksParsesQuicklyAndHitsTheCap() {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 100_000; i++) {
            html.append("<a href=\"acestream://").append(String.format("%040x", i)).append("\">Channel ").append(i)
                    .append("</a>\n");
        }
        String page = html.append("</body></html>").toString();

        assertThat(HtmlChannelParser.parse(page, "http://site.example/", 200_000).channels()).hasSize(100_000);
        assertThatThrownBy(() -> HtmlChannelParser.parse(page, "http://site.example/", 50_000))
                .isInstanceOf(ScrapeFailure.class).hasMessage("more than 50000 entries (polyplex.scraping.max-entries)");
    }

    @Test
    void detectsFormatsFromContentTypeThenContent() {
        byte[] m3u = "#EXTM3U\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Documents.detect("application/json; charset=utf-8", m3u)).isEqualTo(Documents.Format.JSON);
        assertThat(Documents.detect("audio/x-mpegurl", m3u)).isEqualTo(Documents.Format.M3U);
        assertThat(Documents.detect("text/plain", m3u)).isEqualTo(Documents.Format.M3U);
        assertThat(Documents.detect(null, "\uFEFF #EXTM3U".getBytes(StandardCharsets.UTF_8))).isEqualTo(Documents.Format.M3U);
        assertThat(Documents.detect("text/plain", " [ ]".getBytes(StandardCharsets.UTF_8))).isEqualTo(Documents.Format.JSON);
        assertThat(Documents.detect("application/octet-stream", "<!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Documents.Format.HTML);
        assertThatThrownBy(() -> Documents.detect("application/octet-stream", new byte[] { 0, 1, 2 }))
                .isInstanceOf(ScrapeFailure.class).hasMessageStartingWith("content is neither JSON, M3U nor HTML");
    }

    @Test
    void nonUtf8PlaylistIsReadAsWindows1252WithAWarning() {
        byte[] body = "#EXTM3U\n#EXTINF:-1,Caf\u00e9 TV\nhttp://a.example/1.ts\n".getBytes(StandardCharsets.ISO_8859_1);

        ParseResult result = Documents.parse(Documents.Format.M3U, body, "audio/x-mpegurl", "http://a.example/", 10);

        assertThat(result.channels().get(0).name()).isEqualTo("Caf\u00e9 TV");
        assertThat(result.warnings()).containsExactly("content is not valid UTF-8; read as Windows-1252");
        ParseResult declared = Documents.parse(Documents.Format.M3U, body, "audio/x-mpegurl; charset=ISO-8859-1",
                "http://a.example/", 10);
        assertThat(declared.warnings()).isEmpty();
        assertThat(declared.channels().get(0).name()).isEqualTo("Caf\u00e9 TV");
    }

    @Test
    void collectorNormalisesIds() {
        assertThat(EntryCollector.toSourceUrl(" ACESTREAM://ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD "))
                .isEqualTo("acestream://abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(EntryCollector.toSourceUrl("acestream:abcdefabcdefabcdefabcdefabcdefabcdefabcd"))
                .isEqualTo("acestream://abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(EntryCollector.toSourceUrl("acestream://short")).isNull();
        assertThat(EntryCollector.toSourceUrl("ftp://a.example/x")).isNull();
        assertThat(EntryCollector.toSourceUrl("http://a.example/a b")).isNull();
        assertThat(EntryCollector.toSourceUrl("http:///nohost")).isNull();
    }
}
