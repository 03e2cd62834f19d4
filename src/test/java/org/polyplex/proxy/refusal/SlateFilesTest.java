package org.polyplex.proxy.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.polyplex.testsupport.TestConfigs;
import org.polyplex.testsupport.TsFixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which slates are read, from where, and the start-up errors for a bad custom file. */
class SlateFilesTest {

    @TempDir
    Path dir;

    private static RefusalSlatesConfig config(Map<String, String> overrides) {
        return TestConfigs.of(RefusalSlatesConfig.class, overrides);
    }

    @Test
    void shouldReadNothingWhenEveryReasonIsOff() {
        assertThat(SlateFiles.load(config(Map.of()))).isEmpty();
        assertThat(new RefusalSlates(SlateFiles.load(config(Map.of()))).forRefusal("max_connections")).isEmpty();
    }

    @Test
    void shouldDecodeEveryBuiltInSlateWithFfprobe() throws Exception {
        var slates = SlateFiles.load(config(Map.of("polyplex.proxy.refusal-slates.connection-limit.enabled", "true",
                "polyplex.proxy.refusal-slates.account-expired.enabled", "true",
                "polyplex.proxy.refusal-slates.channel-offline.enabled", "true")));
        assertThat(slates).containsOnlyKeys(SlateReason.values());
        for (var slate : slates.entrySet()) {
            assertThat(slate.getValue().length).as(slate.getKey() + " stays small").isLessThan(200 * 1024);
            String report = SlateProbe.probe(slate.getValue());
            assertThat(report).as(slate.getKey().name()).contains("h264").contains("aac");
            double seconds = Double.parseDouble(report.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(seconds).as(slate.getKey() + " plays a few seconds").isBetween(3.0, 10.0);
            Path file = Files.write(dir.resolve(slate.getKey() + ".ts"), slate.getValue());
            assertThat(TsFixtures.decodeErrors(file)).as(slate.getKey() + " decodes whole").isEmpty();
        }
        RefusalSlates routes = new RefusalSlates(slates);
        assertThat(routes.forRefusal("max_shared_viewers")).isPresent();
        assertThat(routes.forRefusal("no_playable_source")).isPresent();
        assertThat(routes.forRefusal("account_disabled")).isEmpty();
        assertThat(routes.forRefusal("address_not_allowed")).isEmpty();
    }

    @Test
    void shouldStopTheStartNamingTheKeyWhenACustomFileIsMissing() {
        Path missing = dir.resolve("missing.ts");
        assertThatThrownBy(() -> SlateFiles.load(config(Map.of(
                "polyplex.proxy.refusal-slates.channel-offline.enabled", "true",
                "polyplex.proxy.refusal-slates.channel-offline.file", missing.toString()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("polyplex.proxy.refusal-slates.channel-offline.file: " + missing
                        + " does not exist or is not a file");
    }

    @Test
    void shouldIgnoreTheFileOfAReasonThatIsOff() {
        assertThat(SlateFiles.load(config(Map.of("polyplex.proxy.refusal-slates.channel-offline.file",
                dir.resolve("missing.ts").toString())))).isEmpty();
    }

    @Test
    void shouldRefuseACustomFileThatIsNotMpegTsOrTooLarge() throws Exception {
        Path text = Files.writeString(dir.resolve("slate.ts"), "not a video");
        assertThatThrownBy(() -> SlateFiles.load(config(Map.of(
                "polyplex.proxy.refusal-slates.account-expired.enabled", "true",
                "polyplex.proxy.refusal-slates.account-expired.file", text.toString()))))
                .hasMessageContaining("polyplex.proxy.refusal-slates.account-expired.file")
                .hasMessageContaining("is not MPEG-TS");
        byte[] big = new byte[188 * 20];
        for (int i = 0; i < big.length; i += 188) {
            Arrays.fill(big, i, i + 188, (byte) 0xff);
            big[i] = 0x47;
        }
        Path large = Files.write(dir.resolve("large.ts"), big);
        assertThatThrownBy(() -> SlateFiles.load(config(Map.of(
                "polyplex.proxy.refusal-slates.account-expired.enabled", "true",
                "polyplex.proxy.refusal-slates.account-expired.file", large.toString(),
                "polyplex.proxy.refusal-slates.max-file-bytes", "1880"))))
                .hasMessageContaining("more than polyplex.proxy.refusal-slates.max-file-bytes (1880)");
        byte[] small = Arrays.copyOf(big, 188 * 5);
        Path fine = Files.write(dir.resolve("fine.ts"), small);
        assertThat(SlateFiles.load(config(Map.of(
                "polyplex.proxy.refusal-slates.account-expired.enabled", "true",
                "polyplex.proxy.refusal-slates.account-expired.file", fine.toString())))
                .get(SlateReason.ACCOUNT_EXPIRED)).isEqualTo(small);
    }
}
