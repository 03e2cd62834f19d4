package org.polyplex.restream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the RTMP module on 127.0.0.1 as a test destination, in the foreground (so the test
 * owns its process): application {@code dest} takes any publish; application {@code deny} asks an
 * {@code on_publish} hook that answers 403, as a platform refusing a stream key does. Can be
 * killed and started again on the same port.
 */
public final class NginxRtmp implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final int rtmpPort;
    private final int httpPort;
    private Process process;

    public NginxRtmp(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.rtmpPort = freePort();
        this.httpPort = freePort();
    }

    public int port() {
        return rtmpPort;
    }

    public String url(String app) {
        return "rtmp://127.0.0.1:" + rtmpPort + "/" + app;
    }

    public NginxRtmp start() {
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(dir.resolve("nginx.conf"), config());
            process = new ProcessBuilder("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir + "/")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", rtmpPort), 200);
                // nginx writes its pid once its sockets are bound: a listener that is not ours fails here
                if (ownsPort()) {
                    return this;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited at start (is " + rtmpPort + " taken?); see "
                            + dir.resolve("logs"));
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited at start; see " + dir.resolve("logs"));
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("nginx did not listen on " + rtmpPort);
    }

    private boolean ownsPort() {
        try {
            return process.isAlive()
                    && Files.readString(dir.resolve("nginx.pid")).strip().equals(Long.toString(process.pid()));
        } catch (IOException notWritten) {
            return false;
        }
    }

    /** Kills it (its connections drop at once). */
    public void kill() {
        if (process == null) {
            return;
        }
        // the master first: killed after its worker, it could start a new one that would keep the port
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroyForcibly();
        workers.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle w : workers) {
                w.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("an nginx worker outlived its kill", e);
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private String config() {
        return """
                load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
                worker_processes 1; daemon off; pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 64; }
                rtmp { server { listen 127.0.0.1:%2$d; chunk_size 4096;
                  application dest { live on; record off; }
                  application deny { live on; record off; notify_method get;
                    on_publish http://127.0.0.1:%3$d/auth; } } }
                http { access_log %1$s/logs/access.log;
                  client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                  server { listen 127.0.0.1:%3$d; location = /auth { return 403; } } }
                """.formatted(dir, rtmpPort, httpPort);
    }

    /** A port free now and never handed to another instance in this JVM (two servers must not share one). */
    private static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** ffprobe's stream types of what the server plays at {@code url} (e.g. [video, audio]), bounded. */
    public static List<String> streamTypes(String url) {
        return run(List.of("ffprobe", "-v", "error", "-rw_timeout", "5000000", "-show_entries", "stream=codec_type",
                "-of", "csv=p=0", url));
    }

    /** Video frames decoded in about two seconds of what the server plays at {@code url}. */
    public static int decodedVideoFrames(String url) {
        List<String> out = run(List.of("ffprobe", "-v", "error", "-rw_timeout", "5000000", "-read_intervals", "%+2",
                "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
                url));
        return out.stream().filter(l -> l.strip().matches("\\d+")).mapToInt(l -> Integer.parseInt(l.strip())).findFirst()
                .orElse(0);
    }

    /** The height of the video the server plays at {@code url} now, or 0 when nothing plays. */
    public static int videoHeight(String url) {
        List<String> out = run(List.of("ffprobe", "-v", "error", "-rw_timeout", "5000000", "-select_streams", "v:0",
                "-show_entries", "stream=height", "-of", "csv=p=0", url));
        return out.stream().filter(l -> l.strip().matches("\\d+")).mapToInt(l -> Integer.parseInt(l.strip())).findFirst()
                .orElse(0);
    }

    private static List<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (var r = p.inputReader()) {
                    r.lines().forEach(lines::add);
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            reader.join(2000);
            synchronized (lines) {
                return List.copyOf(lines);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
