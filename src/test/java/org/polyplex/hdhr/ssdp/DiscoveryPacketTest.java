package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/**
 * The discovery packets against requests as libhdhomerun writes them (bytes and CRCs computed
 * outside Java, with zlib), and against what a reply must hold.
 */
class DiscoveryPacketTest {

    private static final int OURS = 0x10439EFD;

    /** {@code hdhomerun_config discover}'s classic request: device type tuner, device id wildcard. */
    private static final String CLASSIC = "0002000c0104000000010204ffffffff4e507f35";
    /** Current libhdhomerun's "all tuners": a device type and no device id. */
    private static final String ALL_TUNERS = "00020006010400000001393077e7";
    /** One known device: device type wildcard, our device id. */
    private static final String EXACT = "0002000c0104ffffffff020410439efd" + crc("0002000c0104ffffffff020410439efd");
    /** Several types in one item: storage and tuner. */
    private static final String MULTI_TYPE = "0002000a2d0800000005000000019601d4ed";
    /** A storage device search (type 5), any id. */
    private static final String STORAGE = "0002000c0104000000050204ffffffff5d7430c1";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String crc(String hex) {
        CRC32 crc = new CRC32();
        crc.update(hex(hex));
        return HexFormat.of().formatHex(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
    }

    private static boolean asks(String hex, int deviceId) {
        return DiscoveryPacket.read(hex(hex)).map(f -> DiscoveryPacket.asksFor(f, deviceId)).orElse(false);
    }

    @Test
    void shouldAnswerTunerAndWildcardSearchesForOurIdOrAnyId() {
        assertThat(asks(CLASSIC, OURS)).isTrue();
        assertThat(asks(ALL_TUNERS, OURS)).isTrue();
        assertThat(asks(EXACT, OURS)).isTrue();
        assertThat(asks(MULTI_TYPE, OURS)).isTrue();
    }

    @Test
    void shouldNotAnswerAnotherDeviceTypeOrAnotherId() {
        assertThat(asks(STORAGE, OURS)).isFalse();
        assertThat(asks(EXACT, 0x1043A0F1)).isFalse();
        // a device type item is required
        String noType = "000200060204ffffffff";
        assertThat(asks(noType + crc(noType), OURS)).isFalse();
        // a reply is no request
        byte[] reply = DiscoveryPacket.reply(OURS, 2, "auth", "http://a", "http://a/lineup.json");
        assertThat(DiscoveryPacket.read(reply).map(f -> DiscoveryPacket.asksFor(f, OURS))).hasValue(false);
    }

    @Test
    void shouldRejectBadCrcsLengthsAndItems() {
        byte[] badCrc = hex(CLASSIC);
        badCrc[badCrc.length - 1] ^= 1;
        assertThat(DiscoveryPacket.read(badCrc)).isEmpty();
        byte[] flipped = hex(CLASSIC);
        flipped[8] ^= 1; // a payload bit, the CRC left as it was
        assertThat(DiscoveryPacket.read(flipped)).isEmpty();
        assertThat(DiscoveryPacket.read(Arrays.copyOf(hex(CLASSIC), 19))).isEmpty();
        assertThat(DiscoveryPacket.read(new byte[0])).isEmpty();
        assertThat(DiscoveryPacket.read(hex("00020000"))).isEmpty();
        assertThat(DiscoveryPacket.read(new byte[DiscoveryPacket.MAX_BYTES + 1])).isEmpty();
        // the length field says 13 bytes of payload for 12
        String longer = "0002000d0104000000010204ffffffff";
        assertThat(DiscoveryPacket.read(hex(longer + crc(longer)))).isEmpty();
        // an item whose value runs past the payload
        String overrun = "00020006010800000001";
        assertThat(DiscoveryPacket.read(hex(overrun + crc(overrun)))).isEmpty();
        // a 2-byte length missing its second byte
        String cut = "000200020181";
        assertThat(DiscoveryPacket.read(hex(cut + crc(cut)))).isEmpty();
        // a device type of 3 bytes: a sound frame, a malformed request
        String shortType = "000200050103000001";
        var frame = DiscoveryPacket.read(hex(shortType + crc(shortType)));
        assertThat(frame).hasValueSatisfying(f -> assertThat(DiscoveryPacket.malformedRequest(f)).isTrue());
        assertThat(frame.map(f -> DiscoveryPacket.asksFor(f, OURS))).hasValue(false);
    }

    @Test
    void shouldWriteAReplyWithTheTunerItsIdCountAndUrlsInTwoByteLengthsWhenLong() {
        String base = "http://192.168.1.20:8080/hdhr/" + "u".repeat(120) + "/pass";
        byte[] reply = DiscoveryPacket.reply(OURS, 3, "abcdef0123456789abcdef01", base, base + "/lineup.json");

        ByteBuffer in = ByteBuffer.wrap(reply);
        assertThat(in.getShort()).isEqualTo((short) 0x0003);
        assertThat(in.getShort() & 0xFFFF).isEqualTo(reply.length - 8);
        CRC32 crc = new CRC32();
        crc.update(reply, 0, reply.length - 4);
        assertThat(ByteBuffer.wrap(reply, reply.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo((int) crc.getValue());
        // the items in order, read by hand: tag, length (1 or 2 bytes), value
        assertThat(HexFormat.of().formatHex(reply, 4, 16)).isEqualTo("0104000000010204" + "10439efd");
        assertThat(HexFormat.of().formatHex(reply, 16, 19)).isEqualTo("100103");
        int at = 19;
        assertThat(reply[at]).isEqualTo((byte) 0x2B);
        assertThat(reply[at + 1]).isEqualTo((byte) 24);
        at += 2 + 24;
        assertThat(reply[at]).isEqualTo((byte) 0x2A);
        int length = (reply[at + 1] & 0x7F) | (reply[at + 2] & 0xFF) << 7;
        assertThat(reply[at + 1] & 0x80).as("over 127 bytes: the 2-byte form").isNotZero();
        assertThat(new String(reply, at + 3, length, StandardCharsets.UTF_8)).isEqualTo(base);
        at += 3 + length;
        assertThat(reply[at]).isEqualTo((byte) 0x27);
        length = (reply[at + 1] & 0x7F) | (reply[at + 2] & 0xFF) << 7;
        assertThat(new String(reply, at + 3, length, StandardCharsets.UTF_8)).isEqualTo(base + "/lineup.json");
        assertThat(at + 3 + length).isEqualTo(reply.length - 4);

        // and the reader agrees with the writer
        assertThat(DiscoveryPacket.read(reply)).hasValueSatisfying(f -> assertThat(f.items())
                .extracting(DiscoveryPacket.Item::tag).containsExactly(0x01, 0x02, 0x10, 0x2B, 0x2A, 0x27));
    }

    @Test
    void shouldCapTheTunerCountToOneByte() {
        byte[] reply = DiscoveryPacket.reply(OURS, 1000, "a", "b", "c");
        assertThat(reply[18]).isEqualTo((byte) 255);
    }
}
