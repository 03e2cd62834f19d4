package org.polyplex.testsupport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.vertx.core.net.PfxOptions;

/**
 * A throwaway TLS identity for {@code localhost} and {@code 127.0.0.1}, made once per test run
 * with the JDK's {@code keytool} (no key is committed): the key store for a Vert.x test server,
 * and a client {@link SSLContext} that trusts exactly that certificate.
 */
public final class TestTls {

    private static final String PASSWORD = "test-only";
    private static Path keyStore;

    private TestTls() {
    }

    /** Options for {@code HttpServerOptions.setSsl(true).setKeyCertOptions(...)}. */
    public static PfxOptions serverKey() {
        return new PfxOptions().setPath(keyStore().toString()).setPassword(PASSWORD);
    }

    /** A client context trusting the test certificate and nothing else. */
    public static SSLContext clientContext() {
        try {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore())) {
                identity.load(in, PASSWORD.toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("test", identity.getCertificate("test"));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test TLS identity", e);
        }
    }

    private static synchronized Path keyStore() {
        if (keyStore != null) {
            return keyStore;
        }
        try {
            Path dir = Files.createTempDirectory("polyplex-tls");
            Path file = dir.resolve("test.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool failed");
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            keyStore = file;
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test TLS identity", e);
        }
    }
}
