package org.polyplex.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hops that proxies recorded in {@code X-Forwarded-For} or RFC 7239 {@code Forwarded}, left
 * (the original client, as far as anyone claims) to right (the proxy nearest to us). A hop that
 * names no IP address ({@code unknown}, an obfuscated {@code _node}, garbage, an element without
 * {@code for=}) is kept as null: it must stop the walk, not be skipped. Several header lines
 * count as one list, in order. Ports are dropped. Pure.
 */
final class ForwardedHeaders {

    /** More hops than any real chain; the rest of a longer header is never looked at. */
    static final int MAX_HOPS = 64;

    private ForwardedHeaders() {
    }

    /** {@code X-Forwarded-For: client, proxy1, proxy2}. */
    static List<byte[]> xForwardedFor(List<String> lines) {
        List<byte[]> hops = new ArrayList<>();
        for (String line : lines) {
            for (String entry : line.split(",", -1)) {
                hops.add(node(entry.strip()));
            }
        }
        return rightmost(hops);
    }

    /** {@code Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::17]:4711"}. */
    static List<byte[]> forwarded(List<String> lines) {
        List<byte[]> hops = new ArrayList<>();
        for (String line : lines) {
            for (String element : split(line, ',')) {
                hops.add(forOf(element));
            }
        }
        return rightmost(hops);
    }

    /** The {@code for=} node of one element, or null. */
    private static byte[] forOf(String element) {
        byte[] found = null;
        boolean seen = false;
        for (String pair : split(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                continue;
            }
            if (seen) {
                return null; // two "for" in one element: RFC 7239 allows one; trust neither
            }
            seen = true;
            found = node(unquote(pair.substring(eq + 1).strip()));
        }
        return found;
    }

    /**
     * One node: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code 2001:db8::1}, {@code [2001:db8::1]}
     * or {@code [2001:db8::1]:80}; null for anything else.
     */
    static byte[] node(String node) {
        if (node == null || node.isEmpty()) {
            return null;
        }
        if (node.charAt(0) == '[') {
            int close = node.indexOf(']');
            if (close < 0 || !port(node.substring(close + 1))) {
                return null;
            }
            byte[] address = IpAddresses.parse(node.substring(1, close));
            return address != null && node.substring(1, close).indexOf(':') >= 0 ? address : null;
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && colon == node.lastIndexOf(':')) {
            // exactly one colon: an IPv4 address and a port
            return port(node.substring(colon)) ? ipv4(node.substring(0, colon)) : null;
        }
        return colon < 0 ? ipv4(node) : IpAddresses.parse(node);
    }

    private static byte[] ipv4(String text) {
        byte[] address = IpAddresses.parse(text);
        return address != null && address.length == 4 && text.indexOf(':') < 0 ? address : null;
    }

    /** Empty, or {@code :} and 1 to 5 digits. */
    private static boolean port(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }

    /** A quoted-string without its quotes and with its escapes resolved; a token as it is. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Splits on {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }

    private static List<byte[]> rightmost(List<byte[]> hops) {
        return hops.size() <= MAX_HOPS ? hops : new ArrayList<>(hops.subList(hops.size() - MAX_HOPS, hops.size()));
    }
}
