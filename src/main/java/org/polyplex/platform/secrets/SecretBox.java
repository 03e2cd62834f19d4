package org.polyplex.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.SecretFiles;

import io.quarkus.logging.Log;

/**
 * Encrypts the secrets Polyplex must be able to recover (provider passwords, camera credentials,
 * destination stream keys) with AES-256-GCM, so they are useless in a database dump without the
 * key. The key comes from {@code polyplex.secrets.key} or from a file generated on first use.
 * Stored form: {@code v1:} + base64(12-byte IV || ciphertext+tag).
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsConfig config;
    private volatile SecretKeySpec key;

    SecretBox(SecretsConfig config) {
        this.config = config;
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored secret has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // wrong key (the key file was replaced) or a tampered value; the message holds neither
            throw new IllegalStateException("cannot decrypt a stored secret; was the key changed?");
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        if (config.key().isPresent()) {
            return checked(Base64.getDecoder().decode(config.key().get().strip()));
        }
        Path file = Path.of(config.keyFile());
        try {
            if (Files.exists(file)) {
                return checked(Base64.getDecoder().decode(Files.readString(file).strip()));
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(fresh));
            Log.infof("generated the key of stored secrets in %s; keep it with the database", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] checked(byte[] key) {
        if (key.length != 32 && key.length != 16) {
            throw new IllegalStateException("polyplex.secrets.key must be 16 or 32 bytes, base64-encoded");
        }
        return key;
    }
}
