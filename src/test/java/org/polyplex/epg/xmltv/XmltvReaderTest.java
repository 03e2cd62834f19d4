package org.polyplex.epg.xmltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
}
