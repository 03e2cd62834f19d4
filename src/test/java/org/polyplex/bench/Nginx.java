package org.polyplex.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** nginx from the Debian package on 127.0.0.1, serving the fixture repeated into one big file. */
final class Nginx {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx start(byte[] ts) throws IOException {
        return start(ts, 0);
    }

    /**
     * @param limitRate bytes per second per connection ({@code limit_rate}), 0 for none: the file
     *        served at its own bit rate is what a paced live channel costs nginx
     */
    static Nginx start(byte[] ts, long limitRate) throws IOException {
        Path dir = Path.of("target", "bench-nginx").toAbsolutePath();
        Files.createDirectories(dir.resolve("www"));
        Path big = dir.resolve("www").resolve("big.ts");
        if (!Files.exists(big)) {
            try (OutputStream out = Files.newOutputStream(big)) {
                for (long written = 0; written < 256L * 1024 * 1024; written += ts.length) {
                    out.write(ts);
                }
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                user root;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 8192; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    default_type video/mp2t;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    server { listen 127.0.0.1:%2$d; root %1$s/www; limit_rate %3$d; }
                }
                """.formatted(dir, port, limitRate));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf")
                .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        ProxyBench.await(Duration.ofSeconds(10), () -> {
            try (var s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return new Nginx(process, port);
    }

    int port() {
        return port;
    }

    /** CPU time of the master and its workers so far, in clock ticks: user, system. */
    long[] cpuTicks() {
        return ProcessCpu.splitWithChildren(process.toHandle());
    }

    void stop() {
        process.destroy();
    }
}
