package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SsdpSearchTest {

    private static final UUID UDN = UUID.fromString("2f0a1b2c-3d4e-5f60-8172-839405a6b7c8");

    static byte[] search(String st) {
        return ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: " + st
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldReadTheTargetOfASearch() {
        assertThat(SsdpSearch.target(search(SsdpSearch.MEDIA_SERVER))).hasValue(SsdpSearch.MEDIA_SERVER);
        // header names in any case, LF line ends, as some clients send them
        byte[] loose = "m-search * http/1.1\nman: ssdp:discover\nst: ssdp:all\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SsdpSearch.target(loose)).hasValue("ssdp:all");
    }

    @Test
    void shouldIgnoreWhatIsNotASearch() {
        assertThat(SsdpSearch.target("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(SsdpSearch.target("M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .as("no MAN").isEmpty();
        assertThat(SsdpSearch.target("M-SEARCH * HTTP/1.1\r\nMAN: \"ssdp:discover\"\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))).as("no ST").isEmpty();
        assertThat(SsdpSearch.target(new byte[0])).isEmpty();
        byte[] huge = new byte[SsdpSearch.MAX_SEARCH_BYTES + 1];
        System.arraycopy(search("ssdp:all"), 0, huge, 0, search("ssdp:all").length);
        assertThat(SsdpSearch.target(huge)).isEmpty();
    }

    @Test
    void shouldAnswerEachThingTheDeviceIsForSsdpAllAndOneForAMatchingTarget() {
        String location = "http://192.168.1.10:8080/hdhr/u/p/device.xml";
        List<String> all = SsdpSearch.answers("ssdp:all", UDN, location, Duration.ofMinutes(30));
        assertThat(all).hasSize(3);
        assertThat(all).allSatisfy(a -> assertThat(a).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nLOCATION: " + location + "\r\n").contains("\r\nCACHE-CONTROL: max-age=1800\r\n")
                .contains("\r\nEXT:\r\n").endsWith("\r\n\r\n"));
        assertThat(all.get(0)).contains("\r\nST: upnp:rootdevice\r\n")
                .contains("\r\nUSN: uuid:" + UDN + "::upnp:rootdevice\r\n");
        assertThat(all.get(1)).contains("\r\nST: uuid:" + UDN + "\r\n").contains("\r\nUSN: uuid:" + UDN + "\r\n");
        assertThat(all.get(2)).contains("\r\nST: " + SsdpSearch.MEDIA_SERVER + "\r\n")
                .contains("\r\nUSN: uuid:" + UDN + "::" + SsdpSearch.MEDIA_SERVER + "\r\n");

        assertThat(SsdpSearch.answers(SsdpSearch.MEDIA_SERVER, UDN, location, Duration.ofMinutes(30))).hasSize(1);
        assertThat(SsdpSearch.answers("urn:schemas-upnp-org:device:MediaRenderer:1", UDN, location,
                Duration.ofMinutes(30))).isEmpty();
    }
}
