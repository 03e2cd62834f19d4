package org.polyplex.epg.xmltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class XmltvReaderTest {

    /** Collects everything the reader reports. */
    static final class Collected implements XmltvSink {
        final List<XmltvChannel> channels = new ArrayList<>();
        final List<XmltvProgramme> programmes = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public void channel(XmltvChannel channel) {
            channels.add(channel);
        }

        @Override
        public void programme(XmltvProgramme programme) {
            programmes.add(programme);
        }

        @Override
        public void skipped(String reason) {
            skipped.add(reason);
        }
    }

    static Collected read(String fixture, Duration offset) throws IOException {
        Collected collected = new Collected();
        try (InputStream in = XmltvReaderTest.class.getResourceAsStream("/fixtures/epg/" + fixture)) {
            new XmltvReader(offset).read(in, collected);
        }
        return collected;
    }

    @Test
    void readsChannelsAndProgrammesWithAllOffsets() throws IOException {
        Collected c = read("good.xml", Duration.ZERO);

        assertThat(c.skipped).isEmpty();
        assertThat(c.channels).extracting(XmltvChannel::id).containsExactly("News.One", "sport.two", "cinema.fr");
        assertThat(c.channels.get(0).displayNames()).containsExactly("News One", "N1");
        assertThat(c.channels.get(0).iconUrl()).isEqualTo("http://logos.example/news1.png");
        assertThat(c.channels.get(2).displayNames()).containsExactly("Ciné Étoile");

        XmltvProgramme morning = c.programmes.get(0);
        assertThat(morning.title()).isEqualTo("Morning News");
        assertThat(morning.titleLang()).isEqualTo("en");
        assertThat(morning.subTitle()).isEqualTo("Headlines & weather");
        assertThat(morning.description()).isEqualTo("The day's first bulletin, \"live\".");
        assertThat(morning.categories()).containsExactly("News", "Current affairs");
        assertThat(morning.episodeNums()).containsExactly(new XmltvProgramme.EpisodeNum("xmltv_ns", "3.11.0/1"),
                new XmltvProgramme.EpisodeNum("onscreen", "S04E12"));
        assertThat(morning.iconUrl()).isEqualTo("http://img.example/morning.jpg");

        // +0100, no offset at all (UTC), -0230
        assertThat(c.programmes.get(1).start()).isEqualTo(Instant.parse("2099-01-01T07:00:00Z"));
        assertThat(c.programmes.get(2).start()).isEqualTo(Instant.parse("2099-01-01T08:00:00Z"));
        assertThat(c.programmes.get(2).stop()).isEqualTo(Instant.parse("2099-01-01T08:30:00Z"));
        assertThat(c.programmes.get(3).start()).isEqualTo(Instant.parse("2099-01-01T12:30:00Z"));
        assertThat(c.programmes.get(4).description()).isEqualTo("Un film très attendu — en version restaurée.");
    }

    @Test
    void appliesTheSourceOffset() throws IOException {
        Collected c = read("good.xml", Duration.ofMinutes(-90));

        assertThat(c.programmes.get(0).start()).isEqualTo(Instant.parse("2099-01-01T04:30:00Z"));
        assertThat(c.programmes.get(0).stop()).isEqualTo(Instant.parse("2099-01-01T05:30:00Z"));
    }

    @Test
    void skipsBadRecordsWithReasons() throws IOException {
        Collected c = read("bad-records.xml", Duration.ZERO);

        assertThat(c.programmes).extracting(XmltvProgramme::title).containsExactly("Kept", "Also kept");
        assertThat(c.skipped).containsExactlyInAnyOrder("overlapping programme", "stop before start", "unknown channel",
                "bad or missing start", "missing title");
    }

    @Test
    void shouldEndAProgrammeWithoutStopAtTheNextOneOfItsChannelAndTheLastAtTheBound() {
        Collected c = new Collected();
        String xml = """
                <tv><channel id="a"/><channel id="b"/>
                <programme channel="a" start="20990101100000 +0000"><title>A1</title></programme>
                <programme channel="b" start="20990101103000 +0000"><title>B1</title></programme>
                <programme channel="a" start="20990101110000 +0000" stop="20990101120000 +0000"><title>A2</title></programme>
                <programme channel="a" start="20990101123000 +0000"><title>A3</title></programme>
                <programme channel="a" start="20990101200000 +0000"><title>A4</title></programme>
                <programme channel="a" start="20990101230000 +0000" stop="yesterday"><title>Bad</title></programme>
                </tv>
                """;
        new XmltvReader(Duration.ofMinutes(60), new XmltvLimits(4096, 16_384, 16, Duration.ofHours(2)))
                .read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), c);

        assertThat(c.skipped).containsExactly("bad stop");
        assertThat(c.programmes).extracting(p -> p.title() + " " + p.start() + " " + p.stop()).containsExactlyInAnyOrder(
                "A1 2099-01-01T11:00:00Z 2099-01-01T12:00:00Z", // ends at A2 (times shifted by the offset)
                "A2 2099-01-01T12:00:00Z 2099-01-01T13:00:00Z",
                "A3 2099-01-01T13:30:00Z 2099-01-01T15:30:00Z", // A4 is 7.5 h later: the bound
                "A4 2099-01-01T21:00:00Z 2099-01-01T23:00:00Z", // a bad record after it still ends it, at the bound
                "B1 2099-01-01T11:30:00Z 2099-01-01T13:30:00Z"); // the channel's last: the bound
    }

    @Test
    void readsADeclaredLatin1Document() throws IOException {
        Collected c = read("latin1.xml", Duration.ZERO);

        assertThat(c.channels.get(0).displayNames()).containsExactly("Télé Une");
        assertThat(c.programmes.get(0).title()).isEqualTo("Journal télévisé");
    }

    @Test
    void rejectsMalformedXml() {
        assertThatThrownBy(() -> read("malformed.xml", Duration.ZERO))
                .isInstanceOf(XmltvFormatException.class).hasMessageStartingWith("malformed XML");
    }

    @Test
    void rejectsATruncatedFile() {
        assertThatThrownBy(() -> read("truncated.xml", Duration.ZERO))
                .isInstanceOf(XmltvFormatException.class);
    }

    @Test
    void neverResolvesExternalEntities() {
        assertThatThrownBy(() -> read("xxe.xml", Duration.ZERO))
                .isInstanceOf(XmltvFormatException.class)
                .hasMessageContaining("secret")
                .hasMessageNotContaining("root:");
    }

    @Test
    void neverExpandsEntities() {
        assertThatThrownBy(() -> read("billion-laughs.xml", Duration.ZERO))
                .isInstanceOf(XmltvFormatException.class)
                .hasMessageContaining("lol9");
    }

    @Test
    void rejectsBytesThatAreNotInTheDeclaredEncoding() {
        assertThatThrownBy(() -> read("wrong-encoding.xml", Duration.ZERO))
                .isInstanceOf(XmltvFormatException.class);
    }

    @Test
    void rejectsADocumentThatIsNotXmltv() {
        assertThatThrownBy(() -> new XmltvReader(Duration.ZERO).read(
                new ByteArrayInputStream("<rss/>".getBytes()), new Collected()))
                .isInstanceOf(XmltvFormatException.class).hasMessageContaining("no <tv> element");
    }

    /** {@code head}, then {@code size} bytes of {@code fill} made on the fly, then {@code tail}; counts what was read. */
    static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long size;
        private final byte fill;
        long position;

        Generated(String head, long size, char fill, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.size = size;
            this.fill = (byte) fill;
        }

        @Override
        public int read() {
            long p = position++;
            if (p < head.length) {
                return head[(int) p] & 0xff;
            }
            p -= head.length;
            if (p < size) {
                return fill;
            }
            p -= size;
            return p < tail.length ? tail[(int) p] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int i = 0;
            for (int b; i < length && (b = read()) >= 0; i++) {
                buffer[offset + i] = (byte) b;
            }
            return i == 0 ? -1 : i;
        }
    }

    private static final XmltvLimits SMALL = new XmltvLimits(4096, 16_384, 16);
    private static final long HUGE = 300L * 1024 * 1024;

    private static void assertRefusedEarly(Generated in, String message) {
        assertThatThrownBy(() -> new XmltvReader(Duration.ZERO, SMALL).read(in, new Collected()))
                .isInstanceOf(XmltvFormatException.class).hasMessageContaining(message);
        // Failed after reading about the limit, not the 300 MB: the value was never held whole.
        assertThat(in.position).isLessThan(1024 * 1024);
    }

    @Test
    void shouldFailEarlyWhenAnAttributeIsOverTheLimit() {
        assertRefusedEarly(new Generated("<tv><channel id=\"", HUGE, 'a', "\"/></tv>"), "attribute size limit (4096)");
    }

    @Test
    void shouldFailEarlyWhenATextNodeIsOverTheLimit() {
        assertRefusedEarly(new Generated("<tv><programme><desc>", HUGE, 'a', "</desc></programme></tv>"),
                "Text size limit (16384)");
        assertRefusedEarly(new Generated("<tv><desc><![CDATA[", HUGE, 'a', "]]></desc></tv>"), "Text size limit");
        assertRefusedEarly(new Generated("<tv><!--", HUGE, 'a', "--></tv>"), "Text size limit");
        assertRefusedEarly(new Generated("<tv>", HUGE, ' ', "</tv>"), "Text size limit");
    }

    @Test
    void shouldFailEarlyWhenANameIsOverTheBound() {
        assertRefusedEarly(new Generated("<tv><", HUGE, 'a', "/></tv>"), "without a delimiter");
        assertRefusedEarly(new Generated("<tv><channel ", HUGE, 'a', "=\"1\"/></tv>"), "without a delimiter");
    }

    @Test
    void shouldFailEarlyWhenAGzippedAttributeInflatesToGigabytes() throws IOException {
        // 64 MiB of one byte deflates to about 64 KiB: the gzip-bomb shape of a giant attribute.
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            new Generated("<tv><programme channel=\"", 64L * 1024 * 1024, 'a', "\"/></tv>").transferTo(out);
        }
        InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray()));
        long[] inflatedRead = { 0 };
        InputStream counted = new FilterInputStream(inflated) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                inflatedRead[0] += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> new XmltvReader(Duration.ZERO, SMALL).read(counted, new Collected()))
                .isInstanceOf(XmltvFormatException.class).hasMessageContaining("attribute size limit");
        assertThat(inflatedRead[0]).isLessThan(1024 * 1024);
    }

    @Test
    void shouldReadValuesUpToTheLimits() {
        String icon = "http://img.example/" + "a".repeat(4000);
        String desc = "d".repeat(16_000);
        Collected c = new Collected();
        new XmltvReader(Duration.ZERO, SMALL).read(new ByteArrayInputStream(("<tv><channel id=\"c\"><icon src=\""
                + icon + "\"/></channel><programme channel=\"c\" start=\"20990101000000\" stop=\"20990101010000\">"
                + "<title>T</title><desc>" + desc + "</desc></programme></tv>").getBytes(StandardCharsets.UTF_8)), c);
        assertThat(c.channels.get(0).iconUrl()).isEqualTo(icon);
        assertThat(c.programmes.get(0).description()).hasSize(XmltvReader.MAX_TEXT);
    }
}
