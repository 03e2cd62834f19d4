package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.time.Duration;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sources that answer with a malformed redirect, whose URLs carry credentials in user info, in the
 * path and in the query: the attempt fails at once (failover to the next source, no wait for the
 * watchdog) and no credential reaches a log line.
 */
@Timeout(60)
class UpstreamRedactionTest {

    private static final String[] SECRETS = { "pw-secret", "pass-secret", "tok-secret", "loc-secret" };

    private ProxyHarness proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldFailOverAtOnceAndLogNoCredentialWhenARedirectIsMalformed() {
        proxy = new ProxyHarness(Map.of("polyplex.proxy.upstream.first-byte-timeout", "15s",
                "polyplex.proxy.session.tick", "50ms"));
        TsServer good = new TsServer(proxy.vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        HttpServer bad = ProxyHarness.join(proxy.vertx.createHttpServer().requestHandler(request -> request.response()
                .setStatusCode(302)
                .putHeader("Location", "http://user:loc-secret@127.0.0.1/live/acct/loc-secret/1.ts?token=loc-secret x|y")
                .end()).listen(0, "127.0.0.1"));
        String base = "127.0.0.1:" + bad.actualPort();
        proxy.channel(1, source(1, "http://user:pw-secret@" + base + "/acct/pass-secret/1.ts"),
                source(2, "http://" + base + "/get.ts?username=acct&password=pass-secret&token=tok-secret"),
                source(3, good.url("/live/a")));
        try (LogCapture logs = LogCapture.start()) {
            Watcher viewer = proxy.open(1, 0);
            proxy.await("the good source plays long before the first-byte bound", Duration.ofSeconds(5),
                    () -> viewer.total > 50_000);
            assertThat(proxy.metrics.upstreamsOpened()).isEqualTo(3);
            assertThat(logs.text()).contains("malformed redirect").doesNotContain(SECRETS);
        }
    }
}
