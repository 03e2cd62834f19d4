package org.polyplex.epg.xmltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class XmltvWriterTest {

    private static String written() throws IOException {
        XmltvReaderTest.Collected c = XmltvReaderTest.read("good.xml", Duration.ZERO);
        StringWriter out = new StringWriter();
        XmltvWriter writer = new XmltvWriter(out);
        writer.begin("Polyplex");
        writer.channel("News.One", "News One", "http://logos.example/news1.png");
        writer.channel("sport.two", "Sport <Two> & \"more\"", null);
        writer.channel("cinema.fr", "Ciné Étoile", null);
        for (XmltvProgramme p : c.programmes) {
            writer.programme(p.channel(), p);
        }
        writer.end();
        return out.toString();
    }

    @Test
    void writesTheGoldenDocument() throws IOException {
        try (InputStream golden = getClass().getResourceAsStream("/fixtures/epg/written.xml")) {
            assertThat(written()).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void validatesAgainstTheXmltvDtd() throws Exception {
        assertThat(DtdValidator.errors(written().getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        XmltvReaderTest.Collected original = XmltvReaderTest.read("good.xml", Duration.ZERO);
        XmltvReaderTest.Collected again = new XmltvReaderTest.Collected();
        new XmltvReader(Duration.ZERO).read(
                new ByteArrayInputStream(written().getBytes(StandardCharsets.UTF_8)), again);
        assertThat(again.programmes).isEqualTo(original.programmes);
        assertThat(again.channels.get(1).displayNames()).containsExactly("Sport <Two> & \"more\"");
    }

    @Test
    void dropsCharactersXmlForbids() throws IOException {
        StringWriter out = new StringWriter();
        XmltvWriter writer = new XmltvWriter(out);
        writer.channel("a", "bell\u0007 and nul\u0000", null);
        assertThat(out.toString()).contains("<display-name>bell and nul</display-name>");
    }
}
