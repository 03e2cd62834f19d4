package org.polyplex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the Linux kernel says about this machine's TCP sockets ({@code /proc/net/tcp} and
 * {@code tcp6}: Java sockets are dual-stack) and this process's descriptors ({@code /proc/self/fd}): lets a test see a
 * server-side connection close
 * and its send queue go, without reading from the peer (which would drain it).
 */
public final class TcpTable {

    /** One socket: ports, TCP state (1 = established) and bytes in its send queue. */
    public record Entry(int localPort, int remotePort, int state, long sendQueue) {
    }

    private TcpTable() {
    }

    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = new ArrayList<>(lines(Path.of("/proc/net/tcp")));
        lines.addAll(lines(Path.of("/proc/net/tcp6")));
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || !f[0].endsWith(":")) {
                continue;
            }
            String[] queues = f[4].split(":");
            entries.add(new Entry(port(f[1]), port(f[2]), Integer.parseInt(f[3], 16), Long.parseLong(queues[0], 16)));
        }
        return entries;
    }

    /** The socket at {@code localPort} connected to {@code remotePort}, if the kernel still has it. */
    public static List<Entry> connection(int localPort, int remotePort) {
        return entries().stream().filter(e -> e.localPort() == localPort && e.remotePort() == remotePort).toList();
    }

    /** Open file descriptors of this process. */
    public static long descriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pages of kernel memory held by TCP sockets (the {@code mem} field of {@code /proc/net/sockstat}). */
    public static long tcpMemoryPages() {
        for (String line : lines(Path.of("/proc/net/sockstat"))) {
            if (line.startsWith("TCP:")) {
                String[] f = line.split("\\s+");
                for (int i = 0; i + 1 < f.length; i++) {
                    if (f[i].equals("mem")) {
                        return Long.parseLong(f[i + 1]);
                    }
                }
            }
        }
        return -1;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
