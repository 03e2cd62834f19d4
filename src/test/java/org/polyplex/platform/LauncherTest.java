package org.polyplex.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/polyplex}, the launcher the README, the Dockerfile and the benchmarks run, started for
 * real with {@code JAVA} pointing at a script that prints the command line and environment it was
 * given: the default JVM options are there unless replaced, added options come after them, and a
 * missing package is a clear error.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("bin", "polyplex");

    @TempDir
    Path dir;

    private Path app;
    private Path java;

    @BeforeEach
    void fakeJavaAndPackage() throws IOException {
        app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"args: $*\"\necho \"arenas: $MALLOC_ARENA_MAX\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void shouldRunThePackageWithBoundedHeapByDefault() throws Exception {
        Run run = launch(Map.of(), "--some-arg");

        assertThat(run.status).isZero();
        assertThat(run.output).contains("args: -Xms64m -Xmx768m -XX:+UseG1GC -XX:G1PeriodicGCInterval=60000 -jar "
                + app.resolve("quarkus-run.jar") + " --some-arg");
        assertThat(run.output).contains("arenas: 2");
    }

    @Test
    void shouldAddJavaOptsAfterTheDefaultsAndLetThemBeReplaced() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS", "-Xmx2g")).output).contains("-XX:G1PeriodicGCInterval=60000 -Xmx2g -jar ");
        assertThat(launch(Map.of("POLYPLEX_JAVA_OPTS", "-Xmx1g", "MALLOC_ARENA_MAX", "8")).output)
                .contains("args: -Xmx1g -jar ").contains("arenas: 8");
        assertThat(launch(Map.of("POLYPLEX_JAVA_OPTS", "")).output).as("empty: the JVM's own defaults")
                .contains("args: -jar ");
    }

    @Test
    void shouldRefuseClearlyWhenThePackageIsNotBuilt() throws Exception {
        Files.delete(app.resolve("quarkus-run.jar"));

        Run run = launch(Map.of());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.output).contains("no " + app + "/quarkus-run.jar", "./mvnw -DskipTests package");
    }

    @Test
    void shouldFindItsPackageThroughASymlink() throws Exception {
        Path install = dir.resolve("install");
        Path launcher = Files.createDirectories(install.resolve("bin")).resolve("polyplex");
        Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(install.resolve("target/quarkus-app")).resolve("quarkus-run.jar");
        Files.writeString(jar, "");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr-local-bin")).resolve("polyplex"),
                launcher);

        Run run = launch(link, Map.of());

        assertThat(run.status).isZero();
        assertThat(run.output).contains("-jar " + jar.toRealPath());
    }

    @Test
    void shouldBeWhatTheDockerImageRuns() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(dockerfile).contains("COPY bin/polyplex /app/bin/polyplex", "ENV POLYPLEX_APP=/app",
                "ENTRYPOINT [\"/app/bin/polyplex\"]");
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        return launch(LAUNCHER.toAbsolutePath(), env, args);
    }

    /** Runs {@code launcher}; without POLYPLEX_APP in {@code env} it finds its own package. */
    private Run launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString()).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("POLYPLEX_JAVA_OPTS");
        builder.environment().remove("MALLOC_ARENA_MAX");
        if (launcher.equals(LAUNCHER.toAbsolutePath())) {
            builder.environment().put("POLYPLEX_APP", app.toString());
        } else {
            builder.environment().remove("POLYPLEX_APP");
        }
        builder.environment().put("JAVA", java.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int status, String output) {
    }
}
