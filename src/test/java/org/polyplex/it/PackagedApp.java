package org.polyplex.it;

import static io.restassured.RestAssured.given;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application ({@code target/quarkus-app}) run as a separate process, the way a
 * user runs it ({@code bin/polyplex}): its own working directory (so {@code data/} lands there) and its own port.
 * With {@code polyplex.it.jdbc-url} set (the postgresql Maven profile), it uses that database.
 */
final class PackagedApp implements AutoCloseable {

    /**
     * The first admin's password for every packaged-app test: on PostgreSQL the database outlives
     * a test, so the admin the first test creates is the admin of all that follow.
     */
    static final String ADMIN_PASSWORD = "it-admin-password";

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();

    private PackagedApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PackagedApp start(Path workDir, Map<String, String> env) throws Exception {
        Path quarkusApp = Path.of("target", "quarkus-app").toAbsolutePath();
        if (!Files.exists(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("package the application first: " + quarkusApp + "/quarkus-run.jar is missing");
        }
        int port = freePort();
        // through the launcher users run, with its default JVM options; it execs java, so the
        // process is the JVM itself and kill() is a crash of the application
        ProcessBuilder builder = new ProcessBuilder(Path.of("bin", "polyplex").toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("POLYPLEX_JAVA_OPTS");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("POLYPLEX_APP", quarkusApp.toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String jdbcUrl = System.getProperty("polyplex.it.jdbc-url");
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", System.getProperty("polyplex.it.db-username"));
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", System.getProperty("polyplex.it.db-password"));
        }
        PackagedApp app = new PackagedApp(builder.start(), port);
        app.awaitStarted();
        return app;
    }

    int port() {
        return port;
    }

    /** An admin token from {@code POST /api/auth/token}. */
    String adminToken(String password) {
        return given().port(port).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", password))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }

    /** A JSON request to this application with that bearer token. */
    RequestSpecification api(String token) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    synchronized String log() {
        return String.join("\n", output);
    }

    private void awaitStarted() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (this) {
                        output.add(line);
                    }
                    if (line.contains("Listening on")) {
                        started.complete(null);
                    }
                }
                started.completeExceptionally(new IllegalStateException("application exited:\n" + log()));
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        }, "packaged-app-output");
        reader.setDaemon(true);
        reader.start();
        started.get(90, TimeUnit.SECONDS);
    }

    /** Ends the process with SIGKILL at once, as a crash or the OOM killer would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
