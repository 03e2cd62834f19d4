package org.polyplex.ingest.serve;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens in the HLS URLs of a generation: {@code <expiry>-<mac>}, where the MAC (HMAC-SHA256
 * with a key drawn at start-up, cut to 128 bits) covers the stream, the generation and the expiry.
 * A token opens one generation of one stream until it expires, carries no credential, and dies with
 * the process (a player asks {@code /api/streams/{id}/playback} again). Thread-safe.
 */
public final class PlaybackTokens {

    private static final Pattern TOKEN = Pattern.compile("([0-9a-z]{1,12})-([A-Za-z0-9_-]{22})");

    private final byte[] key;
    private final Clock clock;

    public PlaybackTokens(Clock clock) {
        this(newKey(), clock);
    }

    PlaybackTokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token for the generation, valid for {@code ttl}. */
    public String issue(long streamId, long generationId, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String expires = Long.toString(expiry, 36);
        return expires + "-" + mac(streamId, generationId, expires);
    }

    /** Whether the token opens this generation now. */
    public boolean valid(String token, long streamId, long generationId) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return false;
        }
        long expiry = Long.parseLong(m.group(1), 36);
        boolean macOk = MessageDigest.isEqual(m.group(2).getBytes(StandardCharsets.US_ASCII),
                mac(streamId, generationId, m.group(1)).getBytes(StandardCharsets.US_ASCII));
        return macOk && clock.instant().getEpochSecond() < expiry;
    }

    private String mac(long streamId, long generationId, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal((streamId + "/" + generationId + "/" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
