package org.polyplex.platform.http;

import io.netty.util.NetUtil;

/**
 * IP address literals as bytes and back, without DNS: IPv4 as 4 bytes, IPv6 as 16, IPv4-mapped
 * IPv6 ({@code ::ffff:a.b.c.d}, what a dual-stack socket reports for an IPv4 client) as the IPv4
 * address. The text form is canonical (RFC 5952 for IPv6), so one client is one string however
 * it was written. Pure.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The address of an IP literal ({@code [...]} and a zone id allowed), or null for anything else. */
    static byte[] parse(String literal) {
        if (literal == null || literal.isEmpty() || literal.length() > 64) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return null;
        }
        return ipv4Mapped(bytes) ? new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] } : bytes;
    }

    /** The canonical text of an address from {@link #parse}. */
    static String format(byte[] address) {
        return NetUtil.bytesToIpAddress(address);
    }

    /** The canonical text of an IP literal, or null when it is none. */
    static String canonical(String literal) {
        byte[] bytes = parse(literal);
        return bytes == null ? null : format(bytes);
    }

    /** {@code ::ffff:a.b.c.d}: ten zero bytes, two 0xff bytes, then the IPv4 address. */
    private static boolean ipv4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
