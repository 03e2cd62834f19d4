package org.polyplex.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiPredicate;

import io.quarkus.elytron.security.common.BcryptUtil;

import io.vertx.core.Context;

/**
 * Checks passwords against bcrypt hashes with a per-user memo, so that bcrypt (tens of
 * milliseconds by design) runs once per distinct credential rather than once per request:
 * IPTV apps send the password with every playlist, EPG and stream request.
 *
 * <p>
 * The memo stores SHA-256(pepper, hash, password), never the password. The pepper is random per
 * process, and the hash is part of the digest, so a password change invalidates the memo on its
 * own. One accepted and one rejected digest per user: bounded by the number of accounts, and a
 * client retrying a stale password costs one bcrypt, not one per retry.
 *
 * <p>
 * A credential not in the memo is hashed once however many requests bring it at the same moment
 * (an app starting opens five calls at once; a crowd of lines after a restart, twenty each): the
 * others wait for that one result. And at most half the cores hash at once, so a flood of
 * distinct passwords queues here instead of taking the CPU the event loops need for live streams.
 */
final class CredentialVerifier {

    private final byte[] pepper = new byte[32];
    private final Map<Long, byte[]> accepted = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> rejected = new ConcurrentHashMap<>();
    private final BiPredicate<String, String> bcrypt;
    private final Map<Flight, CompletableFuture<Boolean>> flights = new ConcurrentHashMap<>();
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);

    /** One bcrypt in progress: an account and the digest of the password being checked. */
    private record Flight(long accountId, ByteBuffer digest) {
    }

    CredentialVerifier() {
        this(BcryptUtil::matches);
    }

    /** @param bcrypt (password, hash) -> matches; replaceable so tests can count the calls */
    CredentialVerifier(BiPredicate<String, String> bcrypt) {
        this.bcrypt = bcrypt;
        new SecureRandom().nextBytes(pepper);
    }

    boolean verify(Account account, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        byte[] digest = digest(account.passwordHash(), password);
        if (MessageDigest.isEqual(digest, accepted.get(account.id()))) {
            return true;
        }
        if (MessageDigest.isEqual(digest, rejected.get(account.id()))) {
            return false;
        }
        return hashOnce(account, password, digest);
    }

    private boolean hashOnce(Account account, String password, byte[] digest) {
        if (Context.isOnEventLoopThread()) {
            // a bcrypt here would stall every stream on this loop for tens of milliseconds
            throw new IllegalStateException("a credential check that needs bcrypt was called on an event loop");
        }
        Flight flight = new Flight(account.id(), ByteBuffer.wrap(digest));
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = flights.putIfAbsent(flight, mine);
        if (running != null) {
            return running.join();
        }
        try {
            hashing.acquireUninterruptibly();
            try {
                boolean matches = bcrypt.test(password, account.passwordHash());
                (matches ? accepted : rejected).put(account.id(), digest);
                mine.complete(matches);
                return matches;
            } finally {
                hashing.release();
            }
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(flight, mine);
        }
    }

    /** True when this password was already verified for the account: no bcrypt, no blocking. */
    boolean acceptedBefore(Account account, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        byte[] known = accepted.get(account.id());
        return known != null && MessageDigest.isEqual(digest(account.passwordHash(), password), known);
    }

    /** Drops the memo of accounts that no longer exist. */
    void retain(Set<Long> ids) {
        accepted.keySet().retainAll(ids);
        rejected.keySet().retainAll(ids);
    }

    private byte[] digest(String hash, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(hash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
