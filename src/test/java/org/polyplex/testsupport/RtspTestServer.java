package org.polyplex.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The RTSP test camera ({@code src/test/resources/camera/rtsp-test-server.py}, GStreamer's RTSP
 * server): a live H.264 test pattern with an AAC tone on a loopback port, optionally behind Basic or
 * Digest credentials. {@link #start} returns once the server printed its READY line (no sleeps);
 * {@link #close} stops it and waits for its exit. Restartable on the same port.
 */
public final class RtspTestServer implements AutoCloseable {

    private static final Path SCRIPT = Path.of("src/test/resources/camera/rtsp-test-server.py");

    private final int port;
    private final List<String> options;
    private Process process;
    private final StringBuffer errors = new StringBuffer();

    private RtspTestServer(int port, List<String> options) {
        this.port = port;
        this.options = options;
    }

    /** A camera without credentials on a free port. */
    public static RtspTestServer open() {
        return new RtspTestServer(freePort(), List.of()).start();
    }

    /** A camera that wants these credentials ({@code auth} is {@code basic} or {@code digest}). */
    public static RtspTestServer withCredentials(String user, String password, String auth) {
        return new RtspTestServer(freePort(), List.of("--user", user, "--password", password, "--auth", auth)).start();
    }

    /** The stream URL, without credentials. */
    public String url() {
        return "rtsp://127.0.0.1:" + port + "/stream";
    }

    public int port() {
        return port;
    }

    /** Starts (or starts again) the server and waits until it listens. */
    public synchronized RtspTestServer start() {
        if (!Files.exists(SCRIPT)) {
            throw new IllegalStateException("no " + SCRIPT.toAbsolutePath());
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString(), "--port",
                Integer.toString(port)));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread out = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null;) {
                    if (line.startsWith("READY ")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the server exited
            }
            ready.completeExceptionally(new IllegalStateException("the RTSP test server exited: " + errors));
        }, "rtsp-test-server-" + port);
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> {
            try (BufferedReader reader = p.errorReader()) {
                reader.lines().forEach(l -> errors.append(l).append('\n'));
            } catch (IOException e) {
                // the server exited
            }
        }, "rtsp-test-server-err-" + port);
        err.setDaemon(true);
        err.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the RTSP test server did not get ready: " + errors, e);
        }
        return this;
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits until it exited and its port is free. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** How long to wait for a camera to answer in tests. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
