package org.polyplex.epg.xmltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
    void theRealDtdRejectsWhatItForbids() throws Exception {
        String bad = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n<tv>\n"
                + "  <channel id=\"a.example\"><icon src=\"x\"/></channel>\n"
                + "  <programme start=\"20240101000000 +0000\" channel=\"a.example\"><desc>d</desc><title>t</title></programme>\n"
                + "</tv>\n";
        assertThat(DtdValidator.errors(bad.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(DtdValidator.tvValidateFile(bad.getBytes(StandardCharsets.UTF_8))).contains("not valid");
    }

    @Test
    void writesEveryDisplayNameOfAChannel() throws Exception {
        StringWriter out = new StringWriter();
        XmltvWriter writer = new XmltvWriter(out);
        writer.begin("Polyplex");
        writer.channel("one.example", List.of("One HD", "One"), null);
        writer.end();
        assertThat(out.toString()).contains(
                "  <channel id=\"one.example\">\n    <display-name>One HD</display-name>\n    <display-name>One</display-name>\n");
        assertThat(DtdValidator.errors(out.toString().getBytes(StandardCharsets.UTF_8))).isEmpty();
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
