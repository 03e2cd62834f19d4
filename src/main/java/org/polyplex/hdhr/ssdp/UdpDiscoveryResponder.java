package org.polyplex.hdhr.ssdp;

import java.net.Inet4Address;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.hdhr.DeviceIdentity;
import org.polyplex.hdhr.HdhrConfig;
import org.polyplex.platform.http.PublicAddressConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

/**
 * Answers SiliconDust's discovery requests (UDP, port 65001: what Plex's and Jellyfin's tuner
 * scans and {@code hdhomerun_config discover} broadcast) for the line announced in
 * {@code polyplex.hdhr.ssdp} ({@link AnnouncedLine}), with a reply whose base URL is that line's
 * {@code /hdhr/u/p}. Off unless {@code polyplex.hdhr.udp-discovery.enabled}; when on, the line's
 * username and password are required and a missing one stops the start with a message.
 * <p>
 * The same protections as the SSDP responder: only askers on one of our subnets are answered,
 * at most {@code max-answers-per-second} replies a second in all ({@link AnswerBudget}), and
 * datagrams that are not sound packets (size, length field, CRC, item lengths) are dropped
 * silently and counted. A request for another device type or id gets nothing; neither does one
 * while the announced line does not exist or is not active (its tuner would refuse every call).
 * The socket and its handler live on one Vert.x event loop: the budget needs no lock, and the
 * handler reads only in-memory snapshots.
 */
@ApplicationScoped
public class UdpDiscoveryResponder {

    private final HdhrConfig config;
    private final PublicAddressConfig publicAddress;
    private final AccountService accounts;
    private final Clock clock;
    private final Vertx vertx;
    private final ValueRegistry values;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile DatagramSocket socket;
    private volatile int boundPort = -1;
    private LocalSubnets subnets;
    private AnswerBudget budget;
    private DeviceIdentity identity;
    private int deviceId;
    private AnnouncedLine line;

    UdpDiscoveryResponder(HdhrConfig config, PublicAddressConfig publicAddress, AccountService accounts,
            Clock clock, Vertx vertx, ValueRegistry values) {
        this.config = config;
        this.publicAddress = publicAddress;
        this.accounts = accounts;
        this.clock = clock;
        this.vertx = vertx;
        this.values = values;
    }

    /** Why the UDP discovery settings cannot work, or empty when they can (or it is off). */
    public static Optional<String> problem(HdhrConfig config) {
        return config.udpDiscovery().enabled()
                ? AnnouncedLine.problem(config.ssdp(), "polyplex.hdhr.udp-discovery.enabled")
                : Optional.empty();
    }

    void start(@Observes StartupEvent event) {
        HdhrConfig.UdpDiscovery udp = config.udpDiscovery();
        if (!udp.enabled()) {
            return;
        }
        problem(config).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
        // written before listen(): the socket's event loop sees them, as it runs only what was
        // submitted to it after these writes
        subnets = LocalSubnets.scan();
        budget = new AnswerBudget(udp.maxAnswersPerSecond(), System::nanoTime);
        line = new AnnouncedLine(config.ssdp(), publicAddress, () -> HttpServer.INFO.get(values).getPort());
        identity = DeviceIdentity.of(config.deviceIdSeed(), line.username());
        deviceId = Integer.parseUnsignedInt(identity.deviceId(), 16);
        socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReuseAddress(true).setIpV6(false)
                .setBroadcast(true));
        socket.handler(this::onDatagram);
        socket.listen(udp.port(), udp.bindAddress()).onSuccess(s -> {
            boundPort = s.localAddress().port();
            Log.infof("HDHomeRun UDP discovery answering on %s:%d for the tuner of line %s (DeviceID %s)",
                    udp.bindAddress(), boundPort, line.username(), identity.deviceId());
        }).onFailure(e -> Log.errorf("HDHomeRun UDP discovery cannot listen on %s:%d: %s", udp.bindAddress(),
                udp.port(), e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
    }

    /** The UDP port answering requests, empty when UDP discovery is off or not (yet) listening. */
    public OptionalInt port() {
        int p = boundPort;
        return p < 0 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** Replies sent since start. */
    public long answered() {
        return answered.get();
    }

    /** Replies not sent because the budget was spent. */
    public long refused() {
        return refused.get();
    }

    /** Datagrams dropped as unsound: size, length field, CRC or an item's length. */
    public long malformed() {
        return malformed.get();
    }

    /**
     * Sound datagrams not answered: another packet type, another device type or id, an asker
     * on none of our subnets, or the announced line missing or inactive.
     */
    public long ignored() {
        return ignored.get();
    }

    // on the socket's event loop
    private void onDatagram(DatagramPacket packet) {
        Optional<DiscoveryPacket.Frame> frame = DiscoveryPacket.read(packet.data().getBytes());
        if (frame.isEmpty() || DiscoveryPacket.malformedRequest(frame.get())) {
            malformed.incrementAndGet();
            return;
        }
        Optional<Inet4Address> facing = SsdpResponder.literal(packet.sender().host()).flatMap(subnets::facing);
        Optional<Account> account = accounts.snapshot().byUsername(line.username())
                .filter(a -> a.status(clock.instant()) == Account.Status.ACTIVE);
        if (!DiscoveryPacket.asksFor(frame.get(), deviceId) || facing.isEmpty() || account.isEmpty()) {
            ignored.incrementAndGet();
            return;
        }
        if (!budget.take()) {
            refused.incrementAndGet();
            return;
        }
        String base = line.baseUrl(facing.get());
        byte[] reply = DiscoveryPacket.reply(deviceId, account.get().maxConnections(), identity.deviceAuth(), base,
                base + "/lineup.json");
        answered.incrementAndGet();
        socket.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
    }
}
