package org.polyplex.hdhr.ssdp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
 * Answers SSDP searches on the LAN for the one line configured in {@code polyplex.hdhr.ssdp}, with
 * a {@code LOCATION} at that line's {@code /hdhr/u/p/device.xml}. Off unless
 * {@code polyplex.hdhr.ssdp.enabled}; when on, the line's username and password are required and
 * a missing one stops the start with a message. Only askers on one of our subnets are answered,
 * at most {@code max-answers-per-second} answers a second in all; answers go at once, without
 * the random {@code MX} delay (one device, a few hundred bytes).
 * <p>
 * The socket and its handler live on one Vert.x event loop: the budget needs no lock. A port that
 * cannot be bound is logged as an error and leaves the rest of the service running.
 */
@ApplicationScoped
public class SsdpResponder {

    static final String GROUP = "239.255.255.250";

    private final HdhrConfig config;
    private final PublicAddressConfig publicAddress;
    private final Vertx vertx;
    private final ValueRegistry values;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile DatagramSocket socket;
    private volatile int boundPort = -1;
    private LocalSubnets subnets;
    private AnswerBudget budget;
    private DeviceIdentity identity;
    private AnnouncedLine line;

    SsdpResponder(HdhrConfig config, PublicAddressConfig publicAddress, Vertx vertx,
            ValueRegistry values) {
        this.config = config;
        this.publicAddress = publicAddress;
        this.vertx = vertx;
        this.values = values;
    }

    /** Why the SSDP settings cannot work, or empty when they can (or SSDP is off). */
    public static Optional<String> problem(HdhrConfig.Ssdp ssdp) {
        return ssdp.enabled() ? AnnouncedLine.problem(ssdp, "polyplex.hdhr.ssdp.enabled") : Optional.empty();
    }

    void start(@Observes StartupEvent event) {
        HdhrConfig.Ssdp ssdp = config.ssdp();
        if (!ssdp.enabled()) {
            return;
        }
        problem(ssdp).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
        // written before listen(): the socket's event loop sees them, as it runs only what was
        // submitted to it after these writes
        subnets = LocalSubnets.scan();
        budget = new AnswerBudget(ssdp.maxAnswersPerSecond(), System::nanoTime);
        identity = DeviceIdentity.of(config.deviceIdSeed(), ssdp.username().get());
        line = new AnnouncedLine(ssdp, publicAddress, () -> HttpServer.INFO.get(values).getPort());
        socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReuseAddress(true)
                .setReusePort(true).setIpV6(false).setMulticastTimeToLive(2));
        socket.handler(this::onDatagram);
        socket.listen(ssdp.port(), ssdp.bindAddress()).onSuccess(s -> {
            boundPort = s.localAddress().port();
            Log.infof("SSDP answering on %s:%d for the tuner of line %s", ssdp.bindAddress(), boundPort,
                    ssdp.username().get());
            if (ssdp.bindAddress().equals("0.0.0.0")) {
                joinGroup(s, ssdp);
            }
        }).onFailure(e -> Log.errorf("SSDP cannot listen on %s:%d: %s", ssdp.bindAddress(), ssdp.port(), e.getMessage()));
    }

    private static void joinGroup(DatagramSocket s, HdhrConfig.Ssdp ssdp) {
        var joined = ssdp.networkInterface().isPresent()
                ? s.listenMulticastGroup(GROUP, ssdp.networkInterface().get(), null)
                : s.listenMulticastGroup(GROUP);
        joined.onFailure(e -> Log.warnf("SSDP cannot join %s%s: %s; only searches sent straight to us are answered",
                GROUP, ssdp.networkInterface().map(n -> " on " + n).orElse(""), e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
    }

    /** The UDP port answering searches, empty when SSDP is off or not (yet) listening. */
    public OptionalInt port() {
        int p = boundPort;
        return p < 0 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** Answers sent, and answers not sent because the budget was spent, since start. */
    public long answered() {
        return answered.get();
    }

    public long refused() {
        return refused.get();
    }

    // on the socket's event loop
    private void onDatagram(DatagramPacket packet) {
        Optional<String> target = SsdpSearch.target(packet.data().getBytes());
        if (target.isEmpty()) {
            return;
        }
        Optional<Inet4Address> facing = literal(packet.sender().host()).flatMap(subnets::facing);
        if (facing.isEmpty()) {
            return;
        }
        List<String> answers = SsdpSearch.answers(target.get(), identity.udn(), location(facing.get()),
                config.ssdp().maxAge());
        for (String answer : answers) {
            if (!budget.take()) {
                refused.incrementAndGet();
                continue;
            }
            answered.incrementAndGet();
            socket.send(Buffer.buffer(answer), packet.sender().port(), packet.sender().host());
        }
    }

    private String location(Inet4Address facing) {
        return line.baseUrl(facing) + "/device.xml";
    }

    /** The sender's address; Vert.x gives it as a literal, so this never resolves a name. */
    static Optional<InetAddress> literal(String host) {
        if (host == null || !host.matches("[0-9.]{7,15}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
