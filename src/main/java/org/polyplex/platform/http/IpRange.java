package org.polyplex.platform.http;

import java.util.Arrays;

/**
 * One IP address or CIDR block, IPv4 or IPv6 ({@code 10.0.0.7}, {@code 10.0.0.0/8},
 * {@code fd00::/8}), as configured for trusted proxies. Host bits below the prefix are ignored.
 * An IPv4 range never matches an IPv6 address and the other way round, except that IPv4-mapped
 * IPv6 addresses count as IPv4. Pure and immutable.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address} or {@code address/prefix}. Also the converter SmallRye Config uses for
     * configuration values, so a bad value stops the start with the key and this message.
     *
     * @throws IllegalArgumentException when the text is no IP address or CIDR block
     */
    public static IpRange of(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        byte[] address = IpAddresses.parse(slash < 0 ? value : value.substring(0, slash));
        if (address == null || value.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR block");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + value + "' has a prefix length outside 0-" + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new IpRange(mask(address, prefix), prefix);
    }

    /** Whether the address (from {@link IpAddresses#parse}) lies in this range. */
    boolean contains(byte[] address) {
        return address != null && address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    /** Whether the IP literal lies in this range; false for anything that is no IP literal. */
    public boolean contains(String literal) {
        return contains(IpAddresses.parse(literal));
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefix == prefix && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefix;
    }
}
