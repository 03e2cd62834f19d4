package org.polyplex.hdhr.ssdp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * This host's IPv4 subnets, read once when the responder starts. SSDP never crosses a router
 * (its multicast is link-local), so an asker is answered only from a subnet we are on, and the
 * {@code LOCATION} we hand it is our address on that subnet: the one it can reach.
 */
record LocalSubnets(List<Subnet> subnets) {

    /** One local IPv4 address and the length of its network prefix. */
    record Subnet(Inet4Address address, int prefixLength) {

        boolean contains(Inet4Address other) {
            int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
            return (toInt(address) & mask) == (toInt(other) & mask);
        }

        private static int toInt(Inet4Address address) {
            byte[] b = address.getAddress();
            return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }
    }

    /** The IPv4 subnets of every interface that is up. */
    static LocalSubnets scan() {
        List<Subnet> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address v4 && a.getNetworkPrefixLength() <= 32) {
                        found.add(new Subnet(v4, a.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces: " + e.getMessage(), e);
        }
        return new LocalSubnets(List.copyOf(found));
    }

    /** Our address on the asker's subnet, or empty when the asker is on none of ours. */
    Optional<Inet4Address> facing(InetAddress asker) {
        if (!(asker instanceof Inet4Address v4)) {
            return Optional.empty();
        }
        // the longest prefix wins: the most specific subnet is the asker's own
        return subnets.stream().filter(s -> s.contains(v4))
                .max((x, y) -> Integer.compare(x.prefixLength(), y.prefixLength()))
                .map(Subnet::address);
    }
}
