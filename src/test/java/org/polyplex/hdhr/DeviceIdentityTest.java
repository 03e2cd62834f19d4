package org.polyplex.hdhr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DeviceIdentityTest {

    @Test
    void shouldAcceptTheIdsOfRealDevicesAndRejectAMistypedOne() {
        // DeviceIDs printed on real HDHomeRun tuners (labels, discover.json captures)
        assertThat(DeviceIdentity.valid("10439EFD")).isTrue();
        assertThat(DeviceIdentity.valid("10439EFE")).isFalse();
        assertThat(DeviceIdentity.valid("10439EF")).isFalse();
        assertThat(DeviceIdentity.valid("1043 EFD")).isFalse();
    }

    @Test
    void shouldDeriveValidStableIdsThatDifferPerLineAndPerSeed() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            DeviceIdentity identity = DeviceIdentity.of("polyplex", "line-" + i);
            assertThat(DeviceIdentity.valid(identity.deviceId())).as(identity.deviceId()).isTrue();
            assertThat(identity.deviceId()).matches("[0-9A-F]{8}");
            ids.add(identity.deviceId());
        }
        assertThat(ids).hasSize(500);
        assertThat(DeviceIdentity.of("polyplex", "alice")).isEqualTo(DeviceIdentity.of("polyplex", "alice"));
        assertThat(DeviceIdentity.of("other-server", "alice").deviceId())
                .isNotEqualTo(DeviceIdentity.of("polyplex", "alice").deviceId());
    }

    @Test
    void shouldGiveAnOpaqueAuthAndAVersion5Udn() {
        DeviceIdentity identity = DeviceIdentity.of("polyplex", "alice");
        assertThat(identity.deviceAuth()).matches("[0-9a-f]{24}").doesNotContain("alice");
        assertThat(identity.udn().version()).isEqualTo(5);
        assertThat(identity.udn().variant()).isEqualTo(2);
    }

    @Test
    void shouldGiveEachBouquetOfALineItsOwnValidStableId() {
        Set<String> ids = new HashSet<>();
        ids.add(DeviceIdentity.of("polyplex", "alice").deviceId());
        for (long bouquet = 1; bouquet <= 200; bouquet++) {
            DeviceIdentity identity = DeviceIdentity.ofBouquet("polyplex", "alice", bouquet);
            assertThat(DeviceIdentity.valid(identity.deviceId())).as(identity.deviceId()).isTrue();
            assertThat(identity.udn().version()).isEqualTo(5);
            ids.add(identity.deviceId());
        }
        assertThat(ids).as("the line's device and 200 bouquet devices, all different").hasSize(201);
        assertThat(DeviceIdentity.ofBouquet("polyplex", "alice", 7))
                .isEqualTo(DeviceIdentity.ofBouquet("polyplex", "alice", 7));
        assertThat(DeviceIdentity.ofBouquet("polyplex", "bob", 7).deviceId())
                .isNotEqualTo(DeviceIdentity.ofBouquet("polyplex", "alice", 7).deviceId());
        assertThat(DeviceIdentity.ofBouquet("other-server", "alice", 7).deviceId())
                .isNotEqualTo(DeviceIdentity.ofBouquet("polyplex", "alice", 7).deviceId());
    }
}
