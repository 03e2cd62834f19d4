package org.polyplex.archive.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.importing.ProviderArchive;

import org.junit.jupiter.api.Test;

/** The provider's archive as imported, and the provider timeshift URL built from a source. */
class ProviderTimeshiftTest {

    @Test
    void shouldReadTheListingsArchiveAndRefuseWhatIsNotOne() {
        assertThat(ProviderArchive.of("1", "7", "Europe/Berlin")).isEqualTo(new ProviderArchive(7, "Europe/Berlin"));
        assertThat(ProviderArchive.of("1", " 3 ", "Mars/Olympus")).isEqualTo(new ProviderArchive(3, null));
        assertThat(ProviderArchive.of("0", "7", "UTC")).isEqualTo(ProviderArchive.NONE);
        assertThat(ProviderArchive.of("1", "0", "UTC")).isEqualTo(ProviderArchive.NONE);
        assertThat(ProviderArchive.of("1", "abc", "UTC")).isEqualTo(ProviderArchive.NONE);
        assertThat(ProviderArchive.of("1", "-2", "UTC")).isEqualTo(ProviderArchive.NONE);
        assertThat(ProviderArchive.of(null, null, null)).isEqualTo(ProviderArchive.NONE);
        assertThat(ProviderArchive.of("1", "9999", null).days()).isEqualTo(ProviderArchive.MAX_DAYS);
    }

    @Test
    void shouldBuildTheProvidersTimeshiftUrlInItsZone() {
        var source = new CatalogSnapshot.Source(1, "http://prov.example:8080/live/al%20ice/pw/501.ts", 0, null, Map.of(),
                3, "America/New_York");
        // 2026-07-01 18:05Z is 14:05 in New York (EDT)
        assertThat(ProviderTimeshift.url(source, Instant.parse("2026-07-01T18:05:00Z"), 90))
                .isEqualTo("http://prov.example:8080/timeshift/al%20ice/pw/90/2026-07-01:14-05/501.ts");
        var utc = new CatalogSnapshot.Source(1, source.url(), 0, null, Map.of(), 3, null);
        assertThat(ProviderTimeshift.url(utc, Instant.parse("2026-07-01T18:05:00Z"), 1)).contains("/1/2026-07-01:18-05/");
        assertThat(ProviderTimeshift.minutes(Instant.EPOCH, Instant.ofEpochSecond(61))).isEqualTo(2);
        assertThat(ProviderTimeshift.minutes(Instant.EPOCH, Instant.EPOCH)).isEqualTo(1);
    }

    @Test
    void shouldNotPassThroughSourcesWithoutAnArchiveOrAnXtreamUrl() {
        assertThat(new CatalogSnapshot.Source(1, "http://p.example/live/u/p/5.ts", 0, null, Map.of(), 0, null)
                .providerTimeshift()).isEmpty();
        assertThat(new CatalogSnapshot.Source(1, "http://p.example/stream/5.ts", 0, null, Map.of(), 3, null)
                .providerTimeshift()).isEmpty();
        assertThat(new CatalogSnapshot.Source(1, "http://p.example/live/u/p/5.m3u8", 0, null, Map.of(), 3, null)
                .providerTimeshift()).isEmpty();
        var channel = new CatalogSnapshot.LiveChannel(1, null, "c", null, null, null, List.of(),
                List.of(new CatalogSnapshot.Source(1, "http://p.example/live/u/p/5.ts", 0, null, Map.of(), 3,
                        null)),
                Instant.EPOCH, 1);
        assertThat(channel.catchupDays()).isEqualTo(3);
    }
}
