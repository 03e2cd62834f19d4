package org.polyplex.hdhr.ssdp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * SiliconDust's discovery packets (UDP port 65001; libhdhomerun's {@code hdhomerun_pkt.h}): a
 * type (2 bytes, big-endian), the payload's length (2 bytes, big-endian), the payload, then the
 * Ethernet CRC-32 of everything before it, little-endian. The payload is tag-length-value items:
 * a 1-byte tag, a length of 1 byte, or of 2 when it is over 127 (the low 7 bits first with the
 * high bit set, then the rest), and the value. Integers in values are big-endian. Pure.
 */
final class DiscoveryPacket {

    static final int TYPE_DISCOVER_REQUEST = 0x0002;
    static final int TYPE_DISCOVER_REPLY = 0x0003;

    static final int TAG_DEVICE_TYPE = 0x01;
    static final int TAG_DEVICE_ID = 0x02;
    static final int TAG_TUNER_COUNT = 0x10;
    static final int TAG_LINEUP_URL = 0x27;
    static final int TAG_BASE_URL = 0x2A;
    static final int TAG_DEVICE_AUTH = 0x2B;
    /** Several device types in one item, 4 bytes each (libhdhomerun's multi-type tag). */
    static final int TAG_MULTI_TYPE = 0x2D;

    static final int DEVICE_TYPE_TUNER = 0x00000001;
    static final int WILDCARD = 0xFFFFFFFF;

    /** libhdhomerun's largest packet; requests are a few dozen bytes. */
    static final int MAX_BYTES = 1460;
    /** The longest value a 2-byte length can say. */
    static final int MAX_VALUE_BYTES = 0x7FFF;

    private static final int HEADER_BYTES = 4;
    private static final int CRC_BYTES = 4;

    private DiscoveryPacket() {
    }

    /** One tag-length-value item. */
    record Item(int tag, byte[] value) {
    }

    /** A packet whose frame and CRC are sound. */
    record Frame(int type, List<Item> items) {
    }

    /** The frame of a datagram, or empty when its size, its length field, its CRC or an item is wrong. */
    static Optional<Frame> read(byte[] datagram) {
        int total = datagram.length;
        if (total < HEADER_BYTES + CRC_BYTES || total > MAX_BYTES) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int type = in.getShort() & 0xFFFF;
        int length = in.getShort() & 0xFFFF;
        if (length != total - HEADER_BYTES - CRC_BYTES) {
            return Optional.empty();
        }
        int sent = ByteBuffer.wrap(datagram, total - CRC_BYTES, CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (sent != crc(datagram, total - CRC_BYTES)) {
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>();
        int end = total - CRC_BYTES;
        while (in.position() < end) {
            int tag = in.get() & 0xFF;
            if (in.position() >= end) {
                return Optional.empty();
            }
            int size = in.get() & 0xFF;
            if ((size & 0x80) != 0) {
                if (in.position() >= end) {
                    return Optional.empty();
                }
                size = (size & 0x7F) | (in.get() & 0xFF) << 7;
            }
            if (size > end - in.position()) {
                return Optional.empty();
            }
            byte[] value = new byte[size];
            in.get(value);
            items.add(new Item(tag, value));
        }
        return Optional.of(new Frame(type, List.copyOf(items)));
    }

    /**
     * Whether a sound frame is a discovery request that our tuner answers: its device types
     * (items {@code 0x01}, and {@code 0x2D} that lists several) include the tuner or the wildcard,
     * and its device id is ours or the wildcard. A request without a device type is not answered
     * (every client states one); one without a device id asks for every device, as current
     * libhdhomerun's {@code discover2} sends its "all tuners" search.
     */
    static boolean asksFor(Frame frame, int deviceId) {
        if (frame.type() != TYPE_DISCOVER_REQUEST || malformedRequest(frame)) {
            return false;
        }
        boolean type = frame.items().stream()
                .filter(i -> i.tag() == TAG_DEVICE_TYPE || i.tag() == TAG_MULTI_TYPE)
                .flatMap(i -> u32s(i.value()).stream())
                .anyMatch(t -> t == DEVICE_TYPE_TUNER || t == WILDCARD);
        List<Integer> ids = frame.items().stream().filter(i -> i.tag() == TAG_DEVICE_ID)
                .flatMap(i -> u32s(i.value()).stream()).toList();
        return type && (ids.isEmpty() || ids.stream().anyMatch(d -> d == deviceId || d == WILDCARD));
    }

    /** A discovery request whose device type or id is not 4 bytes, or whose type list is not 4 bytes each. */
    static boolean malformedRequest(Frame frame) {
        return frame.type() == TYPE_DISCOVER_REQUEST && frame.items().stream()
                .anyMatch(i -> ((i.tag() == TAG_DEVICE_TYPE || i.tag() == TAG_DEVICE_ID) && i.value().length != 4)
                        || (i.tag() == TAG_MULTI_TYPE && (i.value().length == 0 || i.value().length % 4 != 0)));
    }

    /**
     * Our answer: a tuner with this id, tuner count (capped at 255, one byte), base URL and
     * lineup URL (no terminating NUL: the value's length says where it ends), and the device auth
     * string real devices send too.
     */
    static byte[] reply(int deviceId, int tunerCount, String deviceAuth, String baseUrl, String lineupUrl) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        item(payload, TAG_DEVICE_TYPE, u32(DEVICE_TYPE_TUNER));
        item(payload, TAG_DEVICE_ID, u32(deviceId));
        item(payload, TAG_TUNER_COUNT, new byte[] { (byte) Math.max(1, Math.min(255, tunerCount)) });
        item(payload, TAG_DEVICE_AUTH, deviceAuth.getBytes(StandardCharsets.US_ASCII));
        item(payload, TAG_BASE_URL, baseUrl.getBytes(StandardCharsets.UTF_8));
        item(payload, TAG_LINEUP_URL, lineupUrl.getBytes(StandardCharsets.UTF_8));
        return frame(TYPE_DISCOVER_REPLY, payload.toByteArray());
    }

    static byte[] frame(int type, byte[] payload) {
        if (payload.length > MAX_BYTES - HEADER_BYTES - CRC_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit a datagram");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length + CRC_BYTES);
        out.putShort((short) type).putShort((short) payload.length).put(payload);
        int crc = crc(out.array(), HEADER_BYTES + payload.length);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
        return out.array();
    }

    private static void item(ByteArrayOutputStream out, int tag, byte[] value) {
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("a value of " + value.length + " bytes has no length encoding");
        }
        out.write(tag);
        if (value.length <= 127) {
            out.write(value.length);
        } else {
            out.write((value.length & 0x7F) | 0x80);
            out.write(value.length >>> 7);
        }
        out.writeBytes(value);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static List<Integer> u32s(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        List<Integer> values = new ArrayList<>(value.length / 4);
        while (in.remaining() >= 4) {
            values.add(in.getInt());
        }
        return values;
    }
}
