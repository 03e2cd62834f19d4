package org.polyplex.scraping.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class DestinationGuardTest {

    private final DestinationGuard guard = new DestinationGuard(false, false, false, InetAddress::getAllByName);

    @Test
    void shouldRefuseInternalDestinationsWhenScrapedContentNamesThem() {
        DestinationGuard.Check check = guard.check("lists.example");

        assertThat(check.refusal("http://127.0.0.1:8080/x.ts")).contains("loopback address");
        assertThat(check.refusal("http://[::1]/x.ts")).contains("loopback address");
        assertThat(check.refusal("http://localhost:6878/x.ts")).isEqualTo(
                "host localhost (127.0.0.1) is a loopback address (polyplex.scraping.ssrf.allow-loopback)");
        assertThat(check.refusal("http://169.254.169.254/latest/meta-data/")).contains("link-local address");
        assertThat(check.refusal("http://10.1.2.3/x.ts")).contains("private address");
        assertThat(check.refusal("http://192.168.1.5/x.ts")).contains("private address");
        assertThat(check.refusal("http://[fd00::1]/x.ts")).contains("private address");
        assertThat(check.refusal("http://[::ffff:127.0.0.1]/x.ts")).contains("loopback address");
        assertThat(check.refusal("http://0.0.0.0/x.ts")).contains("loopback address");
        assertThat(check.refusal("http://2130706433/x.ts")).contains("loopback address");
    }

    @Test
    void shouldAllowPublicAndTrustedHostsWhenCheckingScrapedContent() {
        DestinationGuard.Check check = guard.check("127.0.0.1");

        assertThat(check.refusal("http://203.0.113.5/x.ts")).isNull();
        assertThat(check.refusal("http://127.0.0.1:9000/admin-typed-host.ts")).isNull();
        assertThat(check.refusal("http://unresolvable.invalid/x.ts")).isNull();
        assertThat(check.refusal("acestream://0123456789abcdef0123456789abcdef01234567")).isNull();
    }

    @Test
    void shouldAllowEachKindWhenConfiguredTo() {
        DestinationGuard lax = new DestinationGuard(true, false, true, InetAddress::getAllByName);
        DestinationGuard.Check check = lax.check(null);

        assertThat(check.refusal("http://localhost/x.ts")).isNull();
        assertThat(check.refusal("http://10.1.2.3/x.ts")).isNull();
        assertThat(check.refusal("http://169.254.169.254/")).contains("link-local address");
    }
}
