package org.polyplex.camera.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP and RTSP authentication (RFC 7617 Basic, RFC 7616/2617 Digest with MD5 or SHA-256, with or
 * without {@code qop=auth}): parses a {@code WWW-Authenticate} challenge and answers it with an
 * {@code Authorization} value. Cameras (Hikvision, Reolink, Dahua, GStreamer) answer 401 with one of
 * these. Pure, apart from the random client nonce.
 */
public final class DigestAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed challenge: its scheme ({@code basic} or {@code digest}) and its parameters (lower-case names). */
    public record Challenge(String scheme, Map<String, String> params) {

        public String param(String name) {
            return params.get(name);
        }
    }

    private DigestAuth() {
    }

    /** The challenge of one {@code WWW-Authenticate} value; empty when it is neither Basic nor Digest. */
    public static Optional<Challenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.equals("basic") && !scheme.equals("digest")) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? h.length() : space + 1;
        while (i < h.length()) {
            while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < h.length() && h.charAt(i) == '"') {
                i++;
                while (i < h.length() && h.charAt(i) != '"') {
                    if (h.charAt(i) == '\\' && i + 1 < h.length()) {
                        i++;
                    }
                    value.append(h.charAt(i++));
                }
                i++;
            } else {
                while (i < h.length() && h.charAt(i) != ',') {
                    value.append(h.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(params)));
    }

    /** The strongest challenge among several {@code WWW-Authenticate} values: Digest before Basic. */
    public static Optional<Challenge> best(Iterable<String> headers) {
        Challenge basic = null;
        for (String h : headers) {
            Optional<Challenge> c = parse(h);
            if (c.isPresent() && c.get().scheme().equals("digest") && supported(c.get())) {
                return c;
            }
            if (c.isPresent() && c.get().scheme().equals("basic")) {
                basic = c.get();
            }
        }
        return Optional.ofNullable(basic);
    }

    /** The {@code Authorization} value answering a challenge for a request. */
    public static String authorization(Challenge challenge, String method, String uri, String user, String password) {
        if (challenge.scheme().equals("basic")) {
            return basic(user, password);
        }
        return digest(challenge, method, uri, user, password, cnonce(), 1);
    }

    public static String basic(String user, String password) {
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A Digest answer with a given client nonce and nonce count (what a server recomputes to check one). */
    public static String digest(Challenge c, String method, String uri, String user, String password, String cnonce, int nc) {
        String algorithm = c.param("algorithm") == null ? "MD5" : c.param("algorithm");
        String realm = nullToEmpty(c.param("realm"));
        String nonce = nullToEmpty(c.param("nonce"));
        String ha1 = hash(algorithm, user + ":" + realm + ":" + nullToEmpty(password));
        String ha2 = hash(algorithm, method + ":" + uri);
        boolean auth = qopAuth(c.param("qop"));
        String ncHex = String.format("%08x", nc);
        String response = auth ? hash(algorithm, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2)
                : hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        StringBuilder out = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"")
                .append(quote(realm)).append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                .append("\", response=\"").append(response).append('"');
        if (c.param("algorithm") != null) {
            out.append(", algorithm=").append(algorithm);
        }
        if (c.param("opaque") != null) {
            out.append(", opaque=\"").append(quote(c.param("opaque"))).append('"');
        }
        if (auth) {
            out.append(", qop=auth, nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append('"');
        }
        return out.toString();
    }

    private static boolean supported(Challenge c) {
        String a = c.param("algorithm");
        return a == null || a.equalsIgnoreCase("MD5") || a.equalsIgnoreCase("SHA-256");
    }

    private static boolean qopAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String q : qop.split(",")) {
            if (q.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String hash(String algorithm, String s) {
        try {
            String name = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cnonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
