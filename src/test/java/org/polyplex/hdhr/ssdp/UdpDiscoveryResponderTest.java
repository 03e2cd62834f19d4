package org.polyplex.hdhr.ssdp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import jakarta.inject.Inject;

import org.polyplex.hdhr.DeviceIdentity;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * SiliconDust's UDP discovery switched on and bound to {@code 127.0.0.1} on a free port, asked
 * with a real UDP socket the way {@code hdhomerun_config discover}, Plex and Jellyfin ask. The
 * client here writes its requests and reads the replies on its own (frame, CRC, items), not with
 * the responder's codec, so the two cannot agree on a mistake. The flood test runs last: it
 * spends the budget.
 */
@QuarkusTest
@TestProfile(UdpDiscoveryResponderTest.On.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UdpDiscoveryResponderTest {

    static final String USER = "udp-line";
    static final String PASSWORD = "udp~pass";
    static final int PER_SECOND = 10;
    static final int TUNER = 0x00000001;
    static final int WILDCARD = 0xFFFFFFFF;

    /** UDP discovery on, on loopback only, announcing {@link #USER}; SSDP stays off. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.hdhr.udp-discovery.enabled", "true",
                    "polyplex.hdhr.udp-discovery.bind-address", "127.0.0.1", "polyplex.hdhr.udp-discovery.port", "0",
                    "polyplex.hdhr.udp-discovery.max-answers-per-second", Integer.toString(PER_SECOND),
                    "polyplex.hdhr.ssdp.username", USER, "polyplex.hdhr.ssdp.password", PASSWORD);
        }
    }

    private static long lineId;

    @Inject
    UdpDiscoveryResponder responder;

    @Inject
    SsdpResponder ssdp;

    @BeforeEach
    void line() {
        if (lineId == 0) {
            lineId = create("/api/users", Map.of("username", USER, "password", PASSWORD, "maxConnections", 3));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> responder.port().isPresent());
    }

    private static int ourId() {
        return Integer.parseUnsignedInt(DeviceIdentity.of("polyplex", USER).deviceId(), 16);
    }

    @Test
    @Order(1)
    void shouldAnswerAWildcardDiscoverWithATunerWhoseBaseUrlIsTheLinesDevice() throws Exception {
        try (DatagramSocket client = client()) {
            send(client, request(item(0x01, u32(TUNER)), item(0x02, u32(WILDCARD))));
            Map<Integer, List<byte[]>> reply = receive(client);

            assertThat(reply.get(0x01)).singleElement().satisfies(v -> assertThat(toInt(v)).isEqualTo(TUNER));
            int deviceId = toInt(reply.get(0x02).get(0));
            assertThat(reply.get(0x10)).singleElement()
                    .satisfies(v -> assertThat(v).as("the line's maxConnections").containsExactly(3));
            String base = text(reply.get(0x2A).get(0));
            assertThat(base).isEqualTo("http://127.0.0.1:" + RestAssured.port + "/hdhr/" + USER + "/" + PASSWORD);
            assertThat(text(reply.get(0x27).get(0))).isEqualTo(base + "/lineup.json");

            // what a client does next: the HTTP device at that base URL is the same tuner
            JsonPath device = given().get(base + "/discover.json").then().statusCode(200).extract().jsonPath();
            assertThat(device.getString("DeviceID")).isEqualTo(String.format("%08X", deviceId));
            assertThat(DeviceIdentity.valid(device.getString("DeviceID"))).isTrue();
            assertThat(device.getInt("TunerCount")).isEqualTo(3);
            assertThat(text(reply.get(0x2B).get(0))).isEqualTo(device.getString("DeviceAuth"));
            given().get(text(reply.get(0x27).get(0))).then().statusCode(200).contentType("application/json");
            assertThat(ssdp.port()).as("SSDP has its own switch, off here").isEmpty();
        }
    }

    @Test
    @Order(2)
    void shouldAnswerOurIdAndTheAllTunersFormButNotAnotherIdOrDeviceType() throws Exception {
        try (DatagramSocket client = client()) {
            Counts before = counts();
            send(client, request(item(0x01, u32(WILDCARD)), item(0x02, u32(ourId())))); // answered
            send(client, request(item(0x01, u32(TUNER)))); // answered: no id is any id
            send(client, request(item(0x2D, concat(u32(5), u32(TUNER))), item(0x02, u32(WILDCARD)))); // answered
            send(client, request(item(0x01, u32(WILDCARD)), item(0x02, u32(ourId() ^ 0x100)))); // other id
            send(client, request(item(0x01, u32(5)), item(0x02, u32(WILDCARD)))); // a storage device search
            send(client, request(item(0x02, u32(WILDCARD)))); // no device type
            send(client, frame(0x0003, item(0x01, u32(TUNER)))); // a reply, not a request
            Counts after = awaitHandled(before, 7);

            assertThat(after.answered - before.answered + after.refused - before.refused).isEqualTo(3);
            assertThat(after.ignored - before.ignored).isEqualTo(4);
            assertThat(after.malformed - before.malformed).isZero();
            for (long i = 0; i < after.answered - before.answered; i++) {
                assertThat(toInt(receive(client).get(0x02).get(0))).isEqualTo(ourId());
            }
        }
    }

    @Test
    @Order(3)
    void shouldDropMalformedPacketsAndBadCrcsSilently() throws Exception {
        try (DatagramSocket client = client()) {
            Counts before = counts();
            byte[] good = request(item(0x01, u32(TUNER)), item(0x02, u32(WILDCARD)));
            byte[] badCrc = good.clone();
            badCrc[badCrc.length - 2] ^= 0x55;
            byte[] badLength = good.clone();
            badLength[3]++;
            byte[] shortType = request(item(0x01, new byte[] { 0, 0, 1 }));
            byte[] overrun = frame(0x0002, new byte[] { 0x01, 0x09, 0, 0, 0, 1 });
            send(client, badCrc);
            send(client, badLength);
            send(client, shortType);
            send(client, overrun);
            send(client, new byte[] { 0, 2, 0 });
            send(client, "M-SEARCH * HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            send(client, new byte[2000]);
            Counts after = awaitHandled(before, 7);

            assertThat(after.malformed - before.malformed).isEqualTo(7);
            assertThat(after.answered).isEqualTo(before.answered);
            client.setSoTimeout(500);
            assertThat(poll(client)).as("nothing was sent back").isFalse();
        }
    }

    @Test
    @Order(4)
    void shouldNotAnnounceALineThatIsDisabled() throws Exception {
        var body = new HashMap<String, Object>(Map.of("username", USER, "maxConnections", 3, "enabled", false));
        asAdmin().body(body).put("/api/users/" + lineId).then().statusCode(200);
        try (DatagramSocket client = client()) {
            Counts before = counts();
            send(client, request(item(0x01, u32(TUNER)), item(0x02, u32(WILDCARD))));
            Counts after = awaitHandled(before, 1);
            assertThat(after.ignored - before.ignored).isEqualTo(1);
        } finally {
            body.put("enabled", true);
            asAdmin().body(body).put("/api/users/" + lineId).then().statusCode(200);
        }
    }

    @Test
    @Order(5)
    void shouldNotAnswerAFloodBeyondItsBudget() throws Exception {
        try (DatagramSocket client = client()) {
            Counts before = counts();
            long started = System.nanoTime();
            int requests = 60;
            byte[] request = request(item(0x01, u32(TUNER)), item(0x02, u32(WILDCARD)));
            for (int i = 0; i < requests; i++) {
                send(client, request);
            }
            Counts after = awaitHandled(before, requests);
            double seconds = (System.nanoTime() - started) / 1e9;
            long answered = after.answered - before.answered;
            assertThat(answered).as("answers in %.1f s", seconds)
                    .isPositive()
                    .isLessThanOrEqualTo((long) (PER_SECOND + Math.ceil(seconds) * PER_SECOND));
            assertThat(after.refused - before.refused).isEqualTo(requests - answered);
        }
    }

    private record Counts(long answered, long refused, long malformed, long ignored) {
        long total() {
            return answered + refused + malformed + ignored;
        }
    }

    private Counts counts() {
        return new Counts(responder.answered(), responder.refused(), responder.malformed(), responder.ignored());
    }

    private Counts awaitHandled(Counts before, int sent) {
        await().atMost(Duration.ofSeconds(20)).until(() -> counts().total() - before.total() >= sent);
        Counts after = counts();
        assertThat(after.total() - before.total()).isEqualTo(sent);
        return after;
    }

    // --- a client's own packet code: frame, CRC-32 (little-endian), tag-length-value items ---

    private static byte[] request(byte[]... items) {
        return frame(0x0002, concat(items));
    }

    private static byte[] frame(int type, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(8 + payload.length);
        out.putShort((short) type).putShort((short) payload.length).put(payload);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, 4 + payload.length);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        return out.array();
    }

    private static byte[] item(int tag, byte[] value) {
        return concat(new byte[] { (byte) tag, (byte) value.length }, value);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static int toInt(byte[] value) {
        assertThat(value).hasSize(4);
        return ByteBuffer.wrap(value).getInt();
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    /** The next reply, checked (type, length, CRC) and read into its items, by tag in order. */
    private static Map<Integer, List<byte[]>> receive(DatagramSocket client) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            client.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no discovery reply within 10 s", e);
        }
        int length = packet.getLength();
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, length);
        assertThat(in.getShort() & 0xFFFF).as("a discover reply").isEqualTo(0x0003);
        assertThat(in.getShort() & 0xFFFF).as("payload length").isEqualTo(length - 8);
        CRC32 crc = new CRC32();
        crc.update(buffer, 0, length - 4);
        assertThat(ByteBuffer.wrap(buffer, length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .as("CRC-32, little-endian").isEqualTo((int) crc.getValue());
        Map<Integer, List<byte[]>> items = new LinkedHashMap<>();
        while (in.position() < length - 4) {
            int tag = in.get() & 0xFF;
            int size = in.get() & 0xFF;
            if ((size & 0x80) != 0) {
                size = (size & 0x7F) | (in.get() & 0xFF) << 7;
            }
            byte[] value = new byte[size];
            in.get(value);
            items.computeIfAbsent(tag, t -> new ArrayList<>()).add(value);
        }
        assertThat(in.position()).as("items end where the CRC starts").isEqualTo(length - 4);
        return items;
    }

    /** Whether any datagram arrives before the socket's timeout. */
    private static boolean poll(DatagramSocket client) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            client.receive(packet);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private void send(DatagramSocket client, byte[] bytes) throws IOException {
        client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                responder.port().getAsInt()));
    }
}
