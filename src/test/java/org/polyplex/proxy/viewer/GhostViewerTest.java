package org.polyplex.proxy.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.testsupport.TcpTable;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Viewers that stop reading (a dead player, a peer behind a stuck NAT) on real sockets: once
 * evicted or kicked, the server's side of the connection is gone at once with its queued bytes,
 * not left open holding megabytes of kernel send queue. Seen through {@code /proc}, since reading
 * from the ghost would drain it.
 */
@Timeout(60)
class GhostViewerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GHOSTS = Integer.getInteger("polyplex.test.ghosts", 8);

    private ProxyHarness proxy;
    private final List<Socket> ghosts = new ArrayList<>();

    private TsServer start(String writeStallTimeout) {
        proxy = new ProxyHarness(Map.of("polyplex.proxy.viewer.write-stall-timeout", writeStallTimeout,
                "polyplex.proxy.viewer.max-pending-bytes", "65536", "polyplex.proxy.session.tick", "50ms"));
        TsServer upstream = new TsServer(proxy.vertx, 40_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        proxy.channel(1, source(1, upstream.url("/live/a")));
        return upstream;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket ghost : ghosts) {
            ghost.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldCloseTheServerSideAndItsQueueWhenAGhostIsEvicted() {
        start("300ms");
        Watcher reader = proxy.open(1, 0);
        proxy.await("the channel streams", WAIT, () -> reader.total > 100_000);
        long fdsBefore = TcpTable.descriptors();
        long pagesBefore = TcpTable.tcpMemoryPages();

        for (int i = 0; i < GHOSTS; i++) {
            ghosts.add(ghost());
        }
        proxy.await("every ghost is evicted", WAIT, () -> proxy.metrics.evictions() == GHOSTS);
        long fdsAtEviction = TcpTable.descriptors();
        long pagesAtEviction = TcpTable.tcpMemoryPages();
        long queuedAtEviction = ghosts.stream().mapToLong(this::queued).sum();
        AssertionError open = null;
        try {
            proxy.await("the server closed every ghost's connection", Duration.ofSeconds(5), this::serverSidesGone);
        } catch (AssertionError e) {
            open = e;
        }
        long fdsAfter = TcpTable.descriptors();
        long pagesAfter = TcpTable.tcpMemoryPages();
        long queuedAfter = ghosts.stream().mapToLong(this::queued).sum();
        System.out.printf("%d ghosts: process fds %d before, %d at eviction, %d after; ghosts' server send queues %d kB "
                + "at eviction, %d kB after; machine TCP memory %d kB before, %d kB at eviction, %d kB after%n", GHOSTS,
                fdsBefore, fdsAtEviction, fdsAfter, queuedAtEviction / 1024, queuedAfter / 1024, pagesBefore * 4,
                pagesAtEviction * 4, pagesAfter * 4);
        if (open != null) {
            throw open;
        }
        // the ghosts' own client sockets live in this JVM (+GHOSTS); the rest of the JVM may open a
        // file or two meanwhile, far fewer than the GHOSTS server sides that would stay open
        assertThat(fdsAfter).as("server descriptors released").isLessThan(fdsBefore + GHOSTS + GHOSTS / 2);
        assertThat(proxy.metrics.viewers()).isEqualTo(1);
        long before = reader.total;
        proxy.await("the reading viewer keeps receiving", WAIT, () -> reader.total > before + 1_000_000);
    }

    @Test
    void shouldCloseTheServerSideWhenAStuckViewerIsKicked() {
        start("30s");
        Socket ghost = ghost();
        ghosts.add(ghost);
        proxy.await("the viewer joined", WAIT, () -> proxy.metrics.viewers() == 1);
        long id = ProxyHarness.join(proxy.registry.snapshot()).viewers().get(0).id();
        // Kicked before the stall bound: the queue is still full of bytes the peer never read.
        proxy.await("the ghost's send queue fills", WAIT, () -> queued(ghost) > 100_000);
        assertThat(proxy.registry.kick(id, "kicked by an admin")).isTrue();
        proxy.await("the server closed the kicked viewer's connection", Duration.ofSeconds(5),
                () -> TcpTable.connection(proxy.frontPort(), ghost.getLocalPort()).isEmpty());
    }

    private boolean serverSidesGone() {
        return ghosts.stream().allMatch(g -> TcpTable.connection(proxy.frontPort(), g.getLocalPort()).isEmpty());
    }

    private long queued(Socket ghost) {
        return TcpTable.connection(proxy.frontPort(), ghost.getLocalPort()).stream()
                .mapToLong(TcpTable.Entry::sendQueue).sum();
    }

    /** A viewer that sends its request and never reads a byte, with a tiny receive window. */
    private Socket ghost() {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.frontPort()), 5000);
            socket.getOutputStream().write("GET /1 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
