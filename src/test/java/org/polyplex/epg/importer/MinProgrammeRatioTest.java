package org.polyplex.epg.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** With {@code polyplex.epg.min-programme-ratio=50}, a guide that shrank by more than half is refused. */
@QuarkusTest
@TestProfile(MinProgrammeRatioTest.HalfProfile.class)
class MinProgrammeRatioTest {

    public static class HalfProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.epg.min-programme-ratio", "50");
        }
    }

    @Test
    void shouldFailWhenAGuideBringsLessThanTheRatioOfTheLiveOne() {
        String tag = tag();
        long source = createSource(write(tag + ".xml", liveGuide(tag, Instant.now())));
        assertThat(run(source).getInt("programmes")).isEqualTo(6);

        write(tag + ".xml", keep(tag, 2));
        JsonPath shrunk = run(source);
        assertThat(shrunk.getString("status")).isEqualTo("failed");
        assertThat(shrunk.getString("message")).contains("2 programmes, fewer than the 3 required");

        write(tag + ".xml", keep(tag, 3));
        assertThat(run(source).getString("status")).isEqualTo("success");
    }

    /** The live guide with its first {@code count} programmes only. */
    private static byte[] keep(String tag, int count) {
        String xml = new String(liveGuide(tag, Instant.now()), StandardCharsets.UTF_8);
        for (int i = count; i < 6; i++) {
            xml = xml.replaceFirst("(?s)  <programme [^\\n]*>P" + i + "<.*?</programme>\n", "");
        }
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
