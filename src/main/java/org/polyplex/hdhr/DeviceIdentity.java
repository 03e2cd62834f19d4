package org.polyplex.hdhr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The identity of one line's tuner, derived from the configured seed and the username only: stable
 * for as long as the line keeps its name, the same on every node, and never a function of the
 * password. Pure.
 * <p>
 * {@code DeviceID} is eight hex digits that pass SiliconDust's check digit (libhdhomerun's
 * {@code hdhomerun_discover_validate_device_id}: the nibbles at even positions from the left go
 * through a fixed substitution table, all eight are XORed together, and a valid id gives 0). Plex
 * checks it, so the last nibble is chosen to make the XOR 0.
 */
public record DeviceIdentity(String deviceId, String deviceAuth, UUID udn) {

    /** The substitution of the check digit, indexed by nibble value. */
    private static final int[] CHECK_TABLE = { 0xA, 0x5, 0xF, 0x6, 0x7, 0xC, 0x1, 0xB, 0x9, 0x2, 0x8, 0xD, 0x4,
            0x3, 0xE, 0x0 };

    /** The whole line's device. */
    public static DeviceIdentity of(String seed, String username) {
        return derive(seed + "\n" + username);
    }

    /**
     * The device of one of the line's bouquets: its own id (a client keys tuners by id, so the
     * line's device and each bouquet's are told apart), the same for as long as the line keeps
     * its name and the bouquet its id. A different domain from the line's keeps the two apart
     * whatever the username.
     */
    public static DeviceIdentity ofBouquet(String seed, String username, long bouquetId) {
        return derive("bouquet\n" + seed + "\n" + username + "\n" + bouquetId);
    }

    private static DeviceIdentity derive(String key) {
        byte[] id = sha256("hdhr-device-id\n" + key);
        byte[] auth = sha256("hdhr-device-auth\n" + key);
        int body = ByteBuffer.wrap(id).getInt() & 0xFFFFFFF0;
        int deviceId = body | checkNibble(body);
        ByteBuffer udn = ByteBuffer.wrap(id, 4, 16);
        long most = (udn.getLong() & ~0xF000L) | 0x5000L; // version 5 (name-based, SHA)
        long least = (udn.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new DeviceIdentity(String.format(Locale.ROOT, "%08X", deviceId),
                HexFormat.of().formatHex(auth, 0, 12), new UUID(most, least));
    }

    /** Whether eight hex digits are a DeviceID that SiliconDust's check accepts. */
    public static boolean valid(String deviceId) {
        if (deviceId == null || !deviceId.matches("[0-9A-Fa-f]{8}")) {
            return false;
        }
        int value = Integer.parseUnsignedInt(deviceId, 16);
        return checkNibble(value & 0xFFFFFFF0) == (value & 0xF);
    }

    /** The last nibble that makes the check of {@code body} (last nibble 0) come out 0. */
    private static int checkNibble(int body) {
        int check = 0;
        for (int shift = 28; shift >= 4; shift -= 4) {
            int nibble = (body >>> shift) & 0xF;
            // positions 0, 2, 4, 6 from the left are substituted, 1, 3, 5 (and the last) are not
            check ^= ((28 - shift) / 4) % 2 == 0 ? CHECK_TABLE[nibble] : nibble;
        }
        return check;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
