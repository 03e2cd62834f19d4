package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalSubnetsTest {

    private static Inet4Address v4(String literal) throws Exception {
        return (Inet4Address) InetAddress.getByName(literal);
    }

    @Test
    void shouldAnswerFromOurAddressOnTheAskersSubnetAndIgnoreStrangers() throws Exception {
        LocalSubnets subnets = new LocalSubnets(List.of(new LocalSubnets.Subnet(v4("127.0.0.1"), 8),
                new LocalSubnets.Subnet(v4("192.168.1.10"), 24), new LocalSubnets.Subnet(v4("10.0.0.5"), 8),
                new LocalSubnets.Subnet(v4("10.1.2.3"), 16)));

        assertThat(subnets.facing(v4("192.168.1.77"))).hasValue(v4("192.168.1.10"));
        assertThat(subnets.facing(v4("127.0.3.4"))).hasValue(v4("127.0.0.1"));
        assertThat(subnets.facing(v4("10.1.9.9"))).as("the longest prefix").hasValue(v4("10.1.2.3"));
        assertThat(subnets.facing(v4("10.9.9.9"))).hasValue(v4("10.0.0.5"));
        assertThat(subnets.facing(v4("8.8.8.8"))).isEmpty();
        assertThat(subnets.facing(InetAddress.getByName("::1"))).isEmpty();
    }

    @Test
    void shouldFindTheLoopbackSubnetOnThisHost() throws Exception {
        assertThat(LocalSubnets.scan().facing(v4("127.0.0.1"))).isPresent();
    }
}
