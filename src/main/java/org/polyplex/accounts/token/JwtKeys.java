package org.polyplex.accounts.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.AuthConfig;
import org.polyplex.platform.SecretFiles;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure the token signing key pair exists before the first request: generated once (RSA
 * 2048) into {@code polyplex.auth.key-dir}, kept across restarts so tokens stay valid, never
 * committed. SmallRye JWT reads both files lazily, on first sign and first verify.
 */
@ApplicationScoped
class JwtKeys {

    private final AuthConfig config;

    JwtKeys(AuthConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        Path dir = Path.of(config.keyDir());
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            SecretFiles.writeOwnerOnly(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Log.infof("generated the token signing key pair in %s", dir.toAbsolutePath());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token signing keys to " + dir.toAbsolutePath(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

}
