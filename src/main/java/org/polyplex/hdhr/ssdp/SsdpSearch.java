package org.polyplex.hdhr.ssdp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * SSDP's search and its answers (UPnP Device Architecture 1.0, section 1.2): reads an
 * {@code M-SEARCH * HTTP/1.1} with {@code MAN: "ssdp:discover"} and writes the unicast
 * {@code HTTP/1.1 200 OK} answers for one root device of type {@code MediaServer:1}. Anything else
 * (announcements, other methods, malformed or oversized datagrams) is not a search. Pure.
 */
final class SsdpSearch {

    static final String MEDIA_SERVER = "urn:schemas-upnp-org:device:MediaServer:1";
    static final String ROOT_DEVICE = "upnp:rootdevice";
    static final String ALL = "ssdp:all";

    /** Searches are a few hundred bytes; anything much longer is not one. */
    static final int MAX_SEARCH_BYTES = 2048;
    private static final int MAX_HEADER_LINES = 32;

    private SsdpSearch() {
    }

    /** The search target ({@code ST}) of a search datagram, or empty when it is not one. */
    static Optional<String> target(byte[] datagram) {
        if (datagram.length == 0 || datagram.length > MAX_SEARCH_BYTES) {
            return Optional.empty();
        }
        String[] lines = new String(datagram, StandardCharsets.US_ASCII).split("\r?\n", MAX_HEADER_LINES + 1);
        if (!lines[0].trim().equalsIgnoreCase("M-SEARCH * HTTP/1.1")) {
            return Optional.empty();
        }
        String man = null;
        String st = null;
        for (int i = 1; i < Math.min(lines.length, MAX_HEADER_LINES); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("MAN")) {
                man = value;
            } else if (name.equals("ST")) {
                st = value;
            }
        }
        if (man == null || !man.replace("\"", "").equalsIgnoreCase("ssdp:discover") || st == null || st.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(st);
    }

    /**
     * The answers one root device gives a search target: for {@code ssdp:all} one per thing it is
     * (root device, its UUID, its device type), for one of those the one answer, else none.
     */
    static List<String> answers(String target, UUID udn, String location, Duration maxAge) {
        String uuid = "uuid:" + udn;
        List<String> types;
        if (target.equalsIgnoreCase(ALL)) {
            types = List.of(ROOT_DEVICE, uuid, MEDIA_SERVER);
        } else if (target.equalsIgnoreCase(ROOT_DEVICE)) {
            types = List.of(ROOT_DEVICE);
        } else if (target.equalsIgnoreCase(MEDIA_SERVER)) {
            types = List.of(MEDIA_SERVER);
        } else if (target.equalsIgnoreCase(uuid)) {
            types = List.of(uuid);
        } else {
            return List.of();
        }
        return types.stream().map(st -> answer(st, uuid, location, maxAge)).toList();
    }

    private static String answer(String st, String uuid, String location, Duration maxAge) {
        String usn = st.equals(uuid) ? uuid : uuid + "::" + st;
        return "HTTP/1.1 200 OK\r\n"
                + "CACHE-CONTROL: max-age=" + maxAge.toSeconds() + "\r\n"
                + "EXT:\r\n"
                + "LOCATION: " + location + "\r\n"
                + "SERVER: Linux/1.0 UPnP/1.0 Polyplex/1.0\r\n"
                + "ST: " + st + "\r\n"
                + "USN: " + usn + "\r\n"
                + "\r\n";
    }
}
