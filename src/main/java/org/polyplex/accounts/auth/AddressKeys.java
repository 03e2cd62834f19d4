package org.polyplex.accounts.auth;

import java.util.HexFormat;

import io.netty.util.NetUtil;

/**
 * The key a client address is throttled under: the address itself for IPv4; for IPv6 its /64
 * network, the block one subscriber line gets, because a single host can pick any address of
 * it; IPv4-mapped IPv6 addresses (dual-stack sockets) as IPv4. Pure.
 */
final class AddressKeys {

    private AddressKeys() {
    }

    static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        if (ipv4Mapped(bytes)) {
            return NetUtil.bytesToIpAddress(bytes, 12, 4);
        }
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }

    /** {@code ::ffff:a.b.c.d}: ten zero bytes, two 0xff bytes, then the IPv4 address. */
    private static boolean ipv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
