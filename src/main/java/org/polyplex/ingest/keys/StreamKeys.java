package org.polyplex.ingest.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.polyplex.accounts.auth.FailureWindows;
import org.polyplex.ingest.streams.Stream;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.web.ApiException;

import io.quarkus.logging.Log;

/**
 * Stream keys: created (and shown) once, listed without their secret, revoked, and verified at
 * publish. A key is {@code pk_} + base64url (no padding) of 32 bytes from {@link SecureRandom};
 * only its verifier is stored. Blocking (database): call from worker threads. No key ever reaches
 * a log line or an error message; failures are logged with the address only, at most one line per
 * {@link #LOG_EVERY_NANOS}.
 */
@ApplicationScoped
public class StreamKeys {

    /** The visible, non-secret start of every key: tells a stream key apart in a config file. */
    public static final String PREFIX = "pk_";

    private static final Pattern SHAPE = Pattern.compile("pk_[A-Za-z0-9_-]{43}");
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyConfig config;
    private final KeySecret secret;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final FailureWindows failures;
    private final RateLimitedLog failureLog;

    @Inject
    StreamKeys(KeyConfig config, KeySecret secret, Clock clock) {
        this(config, secret, clock, System::nanoTime);
    }

    StreamKeys(KeyConfig config, KeySecret secret, Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.secret = secret;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.failures = new FailureWindows(config.limit().window(), config.limit().maxAddresses(), clock);
        this.failureLog = new RateLimitedLog(LOG_EVERY_NANOS);
    }

    /** Creates a key for the stream; 404 for an unknown stream, 409 past the per-stream limit. */
    @Transactional
    public NewKey create(long streamId, String label) {
        Stream.lock(streamId); // serialises the limit check
        if (StreamKey.countActive(streamId) >= config.maxKeysPerStream()) {
            throw ApiException.conflict("keys", "a stream has at most " + config.maxKeysPerStream()
                    + " keys; revoke one first");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        StreamKey row = new StreamKey();
        row.streamId = streamId;
        row.verifier = secret.verifier(key);
        row.label = label == null || label.isBlank() ? null : label.strip();
        row.createdAt = clock.instant();
        row.persist();
        DbConstraints.flush(kind -> ApiException.conflict("key", "could not store the key; try again"));
        return new NewKey(row.id, streamId, key, row.label, row.createdAt);
    }

    /** The stream's keys that are not revoked, oldest first; 404 for an unknown stream. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StreamKey> list(long streamId) {
        Stream.require(streamId);
        return StreamKey.activeOf(streamId);
    }

    /** Revokes a key: it never verifies again. 404 when the stream has no such (unrevoked) key. */
    @Transactional
    public void revoke(long streamId, long keyId) {
        StreamKey key = StreamKey.<StreamKey> findByIdOptional(keyId)
                .filter(k -> k.streamId == streamId && k.revokedAt == null)
                .orElseThrow(() -> ApiException.notFound("key", keyId));
        key.revokedAt = clock.instant();
    }

    /**
     * Checks a key presented by a publisher at {@code remoteAddress} (the host address without its
     * port: the failure limit is per address, not per connection): an address that failed too
     * often is refused without a look at the key. The comparison is constant-time on the stored
     * verifier; success records when the key was last used. Blocking.
     */
    @Transactional
    public KeyCheck verify(String key, String remoteAddress) {
        String address = remoteAddress == null ? "unknown" : remoteAddress;
        long now = nanoTime.getAsLong();
        if (limited(address)) {
            failureLog.log(now, address, "refused without a check: too many failed stream keys");
            return new KeyCheck.Limited();
        }
        Optional<StreamKey> found = Optional.empty();
        String expected = null;
        if (key != null && SHAPE.matcher(key).matches()) {
            expected = secret.verifier(key);
            found = StreamKey.byVerifier(expected);
        }
        if (found.isPresent() && found.get().revokedAt == null && MessageDigest.isEqual(
                found.get().verifier.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
            StreamKey row = found.get();
            row.lastUsedAt = clock.instant();
            return new VerifiedKey(row.streamId, row.id);
        }
        failures.failed(address);
        boolean nowLimited = limited(address);
        failureLog.log(now, address, nowLimited ? "a bad stream key; the address is refused for a while"
                : "a bad stream key");
        return new KeyCheck.BadKey();
    }

    private boolean limited(String address) {
        return !failures.retryAfter(address, config.limit().maxFailures()).isZero();
    }

    /** One log line per interval at most, counting those left out; never a key in it. */
    static final class RateLimitedLog {
        private final long everyNanos;
        private long last;
        private boolean logged;
        private int suppressed;

        RateLimitedLog(long everyNanos) {
            this.everyNanos = everyNanos;
        }

        synchronized void log(long now, String address, String what) {
            if (logged && now - last < everyNanos) {
                suppressed++;
                return;
            }
            Log.warnf("publish from %s: %s (%d more refusals not logged since the last line)", address, what,
                    suppressed);
            logged = true;
            last = now;
            suppressed = 0;
        }
    }
}
