package org.polyplex.ingest.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.SecretFiles;

import io.quarkus.logging.Log;

/**
 * The server secret stream key verifiers are made with, and the verifier itself:
 * {@code hex(HMAC-SHA256(secret, key))}. The secret is read from (or, on first use, generated
 * into) {@code polyplex.ingest.key-secret-file}, owner-only. Blocking on first use (file I/O):
 * call it from worker threads.
 */
@ApplicationScoped
public class KeySecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "HmacSHA256";

    private final Path file;
    private volatile SecretKeySpec secret;

    KeySecret(KeyConfig config) {
        this.file = Path.of(config.keySecretFile());
    }

    /** The verifier of a key: 64 lower-case hex digits. */
    public String verifier(String key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret());
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private SecretKeySpec secret() {
        SecretKeySpec s = secret;
        if (s == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = new SecretKeySpec(load(), ALGORITHM);
                }
                s = secret;
            }
        }
        return s;
    }

    private byte[] load() {
        try {
            if (Files.exists(file)) {
                byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (bytes.length < 32) {
                    throw new IllegalStateException(file + " must hold at least 32 bytes, base64-encoded");
                }
                return bytes;
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(fresh));
            Log.infof("generated the stream key secret in %s; keep it with the database", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64", e);
        }
    }
}
