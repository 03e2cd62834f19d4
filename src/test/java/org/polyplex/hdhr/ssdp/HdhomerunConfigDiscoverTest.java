package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.hdhr.DeviceIdentity;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SiliconDust's own client finds Polyplex: {@code hdhomerun_config discover} (Debian's
 * {@code hdhomerun-config}, libhdhomerun; {@code .ci/run} installs it) broadcasts its request on
 * every interface to port 65001, and prints each device whose reply it accepts, which includes
 * the check of the {@code DeviceID}'s check digit. The tool only knows port 65001, so the
 * responder binds {@code 0.0.0.0:65001} here. Without the tool a developer's run skips; CI
 * ({@code CI=true}) fails instead.
 */
@QuarkusTest
@TestProfile(HdhomerunConfigDiscoverTest.On.class)
class HdhomerunConfigDiscoverTest {

    static final Path TOOL = Path.of("/usr/bin/hdhomerun_config");
    static final String USER = "udp-tool-line";

    /** UDP discovery on every interface, on the port the tool sends to. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.hdhr.udp-discovery.enabled", "true", "polyplex.hdhr.udp-discovery.port",
                    "65001", "polyplex.hdhr.ssdp.username", USER, "polyplex.hdhr.ssdp.password", "tool~pass");
        }
    }

    @Inject
    UdpDiscoveryResponder responder;

    @Test
    void shouldBeFoundByHdhomerunConfigDiscover() throws Exception {
        boolean present = Files.isExecutable(TOOL);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run SiliconDust's discovery client: install hdhomerun-config");
        }
        Assumptions.assumeTrue(present, "skipped: no " + TOOL + " (apt-get install hdhomerun-config)");
        create("/api/users", Map.of("username", USER, "password", "tool~pass", "maxConnections", 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> responder.port().isPresent());
        long answeredBefore = responder.answered();

        String output = run(TOOL.toString(), "discover");

        String deviceId = DeviceIdentity.of("polyplex", USER).deviceId();
        assertThat(output).as(output).containsIgnoringCase("hdhomerun device " + deviceId + " found at ");
        assertThat(responder.answered()).isGreaterThan(answeredBefore);
    }

    /**
     * Runs the tool to its end (it gives up after a second or two), bounded; its output, a line
     * per device, fits the pipe's buffer, so it is read once the tool has ended.
     */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("hdhomerun_config did not end within 20 s");
            }
            return new String(out.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
