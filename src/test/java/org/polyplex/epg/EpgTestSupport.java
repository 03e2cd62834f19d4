package org.polyplex.epg;

import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.epg.xmltv.XmltvTime;

import io.restassured.path.json.JsonPath;

/**
 * Guides for tests: fixtures copied under the {@code %test} local root with channel ids made
 * unique per test (all test classes share one database and one guide index), live guides around
 * the current time, and admin API shortcuts.
 */
public final class EpgTestSupport {

    /** {@code polyplex.epg.local-root} in {@code %test}. */
    public static final Path ROOT = Path.of("target/test-epg");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private EpgTestSupport() {
    }

    /** A tag no other test uses. */
    public static String tag() {
        return "t" + SEQUENCE.incrementAndGet() + "x" + (System.nanoTime() % 100_000);
    }

    /** The fixture's bytes with its channel ids and names suffixed by {@code tag}. */
    public static byte[] fixture(String name, String tag) {
        try (InputStream in = EpgTestSupport.class.getResourceAsStream("/fixtures/epg/" + name)) {
            byte[] bytes = in.readAllBytes();
            if (name.endsWith(".gz")) {
                return bytes;
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String id : new String[] { "News.One", "sport.two", "cinema.fr", "one" }) {
                text = text.replace("\"" + id + "\"", "\"" + id + "-" + tag + "\"");
            }
            // The text is a Latin-1 view of the bytes, so that any fixture encoding survives intact.
            text = text.replace(bytesView(">Ciné Étoile<"), bytesView(">Ciné Étoile " + tag + "<"));
            return text.getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytesView(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Writes a file under the local root and returns the path a source names it by. */
    public static String write(String fileName, byte[] content) {
        try {
            Files.createDirectories(ROOT);
            Path file = ROOT.resolve(fileName);
            Files.write(file, content);
            return ROOT.resolve(fileName).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A guide for channel {@code live-<tag>} around {@code now}: six one-hour programmes
     * {@code P0}..{@code P5}, P2 on air, P0 and P1 over.
     */
    public static byte[] liveGuide(String tag, Instant now) {
        Instant base = now.truncatedTo(ChronoUnit.SECONDS).minus(150, ChronoUnit.MINUTES);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tv>\n");
        xml.append("  <channel id=\"live-").append(tag).append("\"><display-name>Live ").append(tag)
                .append("</display-name></channel>\n");
        for (int i = 0; i < 6; i++) {
            Instant start = base.plus(60L * i, ChronoUnit.MINUTES);
            xml.append("  <programme start=\"").append(XmltvTime.format(start)).append("\" stop=\"")
                    .append(XmltvTime.format(start.plus(60, ChronoUnit.MINUTES))).append("\" channel=\"live-")
                    .append(tag).append("\"><title lang=\"en\">P").append(i).append("</title><desc>Part ").append(i)
                    .append(" &amp; more</desc><category>Show</category>")
                    .append("<episode-num system=\"onscreen\">E").append(i).append("</episode-num></programme>\n");
        }
        return xml.append("</tv>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    public static long createSource(String url) {
        return create("/api/epg-sources", Map.of("url", url, "intervalMinutes", 60));
    }

    /** Runs the source now and returns the run as JSON. */
    public static JsonPath run(long sourceId) {
        return asAdmin().when().post("/api/epg-sources/" + sourceId + "/run").then().statusCode(200).extract()
                .jsonPath();
    }

    public static long createChannel(String name, String epgId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (epgId != null) {
            body.put("epgId", epgId);
        }
        return create("/api/channels", body);
    }
}
