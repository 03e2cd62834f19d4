package org.polyplex.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The packaged application as users run it: {@code java -jar quarkus-run.jar} with the JVM
 * options the README gives (none but those of {@code bench.app.options}), its embedded defaults,
 * a fresh working folder for its H2 database and keys, configured through its admin API.
 */
final class AppUnderTest implements AutoCloseable {

    static final String USER = "bench";
    static final String PASSWORD = "bench-pass";
    private static final String ADMIN_PASSWORD = "bench-admin";
    /** The launcher of this tree (README, "Running it"). */
    static final Path LAUNCHER = Path.of("bin", "polyplex");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private String token;

    private AppUnderTest(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the package under {@code app} (a quarkus-app folder) through {@code bin/polyplex}, the
     * launcher users run, and waits until it is ready. {@code launcherOptions} replaces the
     * launcher's default JVM options when present (empty: the JVM's own defaults);
     * {@code extraOptions} are added after them.
     */
    static AppUnderTest start(Path app, Optional<String> launcherOptions, List<String> extraOptions)
            throws IOException {
        Path work = Files.createTempDirectory("polyplex-app-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile());
        builder.environment().put("POLYPLEX_APP", app.toAbsolutePath().toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("JAVA_OPTS", String.join(" ", extraOptions));
        builder.environment().remove("POLYPLEX_JAVA_OPTS");
        launcherOptions.ifPresent(options -> builder.environment().put("POLYPLEX_JAVA_OPTS", options));
        builder.environment().put("POLYPLEX_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        AppUnderTest started = new AppUnderTest(builder.start(), port);
        ProxyBench.await(Duration.ofSeconds(90), started::ready);
        started.token = new JsonObject(started.send("POST", "/api/auth/token", new JsonObject()
                .put("username", "admin").put("password", ADMIN_PASSWORD), 200)).getString("access_token");
        return started;
    }

    int port() {
        return port;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** A line allowed {@code maxConnections} slots (the API's bound is 1000). */
    void createLine(int maxConnections) {
        send("POST", "/api/users", new JsonObject().put("username", USER).put("password", PASSWORD)
                .put("maxConnections", maxConnections), 201);
    }

    /** A channel with its sources, in order: its id. */
    long createChannel(String name, String... sourceUrls) {
        JsonArray sources = new JsonArray();
        for (String url : sourceUrls) {
            sources.add(new JsonObject().put("url", url));
        }
        return new JsonObject(send("POST", "/api/channels", new JsonObject().put("name", name).put("sources", sources),
                201)).getLong("id");
    }

    /** The path a player opens for the channel. */
    static String livePath(long channelId) {
        return "/live/" + USER + "/" + PASSWORD + "/" + channelId + ".ts";
    }

    /** Viewers connected now, across every session. */
    int viewers() {
        return new JsonObject(send("GET", "/api/sessions", null, 200)).getJsonArray("viewers", new JsonArray()).size();
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the application exited with " + process.exitValue());
        }
        try {
            return HTTP.send(request("/q/health/ready").build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String send(String method, String path, JsonObject body, int expected) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
