package org.polyplex.hdhr.ssdp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * The SSDP responder switched on and bound to {@code 127.0.0.1} on a free port, searched with a
 * real UDP socket the way Plex and other UPnP clients search: the answer's {@code LOCATION} is the
 * announced line's {@code device.xml}, which the running application serves, and a flood gets no
 * more answers than the budget.
 */
@QuarkusTest
@TestProfile(SsdpResponderTest.On.class)
class SsdpResponderTest {

    static final String USER = "ssdp-line";
    static final String PASSWORD = "ssdp~pass";
    static final int PER_SECOND = 5;

    /** SSDP on, on loopback only, announcing {@link #USER}. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.hdhr.ssdp.enabled", "true", "polyplex.hdhr.ssdp.bind-address", "127.0.0.1",
                    "polyplex.hdhr.ssdp.port", "0", "polyplex.hdhr.ssdp.username", USER,
                    "polyplex.hdhr.ssdp.password", PASSWORD,
                    "polyplex.hdhr.ssdp.max-answers-per-second", Integer.toString(PER_SECOND));
        }
    }

    private static boolean created;

    @Inject
    SsdpResponder responder;

    @BeforeEach
    void line() {
        if (!created) {
            create("/api/users", Map.of("username", USER, "password", PASSWORD, "maxConnections", 2));
            created = true;
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> responder.port().isPresent());
    }

    @Test
    void shouldAnswerAMediaServerSearchWithTheLinesDeviceDescription() throws Exception {
        try (DatagramSocket client = client()) {
            // what is not a search, and a search for something else, get nothing: the first answer
            // that arrives is the one for the MediaServer search sent last
            send(client, "NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n");
            send(client, search("urn:schemas-upnp-org:device:MediaRenderer:1"));
            send(client, search("urn:schemas-upnp-org:device:MediaServer:1"));

            Map<String, String> answer = receive(client);
            assertThat(answer.get("")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(answer.get("ST")).isEqualTo("urn:schemas-upnp-org:device:MediaServer:1");
            assertThat(answer.get("CACHE-CONTROL")).isEqualTo("max-age=1800");
            assertThat(answer).containsKey("EXT");
            String location = answer.get("LOCATION");
            assertThat(location).isEqualTo("http://127.0.0.1:" + RestAssured.port + "/hdhr/" + USER
                    + "/" + PASSWORD + "/device.xml");

            var xml = given().get(location).then().statusCode(200).extract().xmlPath();
            String udn = xml.getString("root.device.UDN");
            assertThat(answer.get("USN")).isEqualTo(udn + "::urn:schemas-upnp-org:device:MediaServer:1");
            String discover = xml.getString("root.URLBase") + "/discover.json";
            assertThat(given().get(discover).then().statusCode(200).extract().jsonPath().getString("DeviceID"))
                    .isEqualTo(xml.getString("root.device.serialNumber"));
        }
    }

    @Test
    void shouldAnswerSsdpAllOncePerThingTheDeviceIs() throws Exception {
        try (DatagramSocket client = client()) {
            // the budget may be spent by the other test: wait for a fresh second's worth
            await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
            send(client, search("ssdp:all"));
            Map<String, String> first = receive(client);
            Map<String, String> second = receive(client);
            Map<String, String> third = receive(client);
            assertThat(new String[] { first.get("ST"), second.get("ST"), third.get("ST") }).containsExactly(
                    "upnp:rootdevice", third.get("USN").replace("::urn:schemas-upnp-org:device:MediaServer:1", ""),
                    "urn:schemas-upnp-org:device:MediaServer:1");
        }
    }

    @Test
    void shouldNotAnswerAFloodBeyondItsBudget() throws Exception {
        try (DatagramSocket client = client()) {
            long answeredBefore = responder.answered();
            long refusedBefore = responder.refused();
            long started = System.nanoTime();
            int searches = 40;
            for (int i = 0; i < searches; i++) {
                send(client, search("ssdp:all"));
            }
            // every search is handled (answered or refused), three answers each
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> responder.answered() - answeredBefore + responder.refused() - refusedBefore == 3L * searches);
            double seconds = (System.nanoTime() - started) / 1e9;
            long answered = responder.answered() - answeredBefore;
            assertThat(answered).as("answers in %.1f s", seconds)
                    .isLessThanOrEqualTo((long) (PER_SECOND + Math.ceil(seconds) * PER_SECOND));
            assertThat(responder.refused() - refusedBefore).isPositive();
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String search(String st) {
        return "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: " + st
                + "\r\nUSER-AGENT: Test/1.0 UPnP/1.1\r\n\r\n";
    }

    private void send(DatagramSocket client, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                responder.port().getAsInt()));
    }

    /** The next answer's status line (under "") and headers, names upper-cased. */
    private static Map<String, String> receive(DatagramSocket client) throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            client.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no SSDP answer within 10 s", e);
        }
        String[] lines = new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII).split("\r\n");
        Map<String, String> answer = new HashMap<>();
        answer.put("", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                answer.put(lines[i].substring(0, colon).toUpperCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return answer;
    }
}
