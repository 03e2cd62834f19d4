package org.polyplex.epg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.xmltv.XmltvProgramme;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Golden test of the Xtream {@code epg_listings} shape. */
class ListingMapperTest {

    private static final LiveChannel CHANNEL = new LiveChannel(42, 7, "News One", null, "News.One", null, List.of(),
            Instant.EPOCH);

    private static GuideEntry entry(long id, String start, String stop, String title, String lang, String desc) {
        return new GuideEntry(id, 3, new XmltvProgramme("News.One", Instant.parse(start), Instant.parse(stop), title,
                lang, null, desc, List.of(), List.of(), null));
    }

    private static final List<GuideEntry> ENTRIES = List.of(
            entry(1001, "2026-03-15T08:00:00Z", "2026-03-15T09:00:00Z", "Morning News", "en", "Headlines"),
            entry(1002, "2026-03-15T11:30:00Z", "2026-03-15T12:15:00Z", "Télé à la carte", "fr", "Émission spéciale"),
            entry(1003, "2026-03-15T12:15:00Z", "2026-03-15T13:00:00Z", "Lunch", null, null));

    private static String json(List<EpgListing> listings) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new EpgListings(listings)).replace("\r\n", "\n") + "\n";
    }

    private static String golden(String name) throws Exception {
        try (InputStream in = ListingMapperTest.class.getResourceAsStream("/fixtures/epg/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mapsToThePanelFieldsInTheServerTimeZone() throws Exception {
        ListingMapper mapper = new ListingMapper(ZoneId.of("Europe/Paris"), Instant.parse("2026-03-15T12:00:00Z"),
                Duration.ofDays(3));
        List<EpgListing> listings = ENTRIES.stream().map(e -> mapper.map(CHANNEL, e)).toList();

        assertThat(json(listings)).isEqualTo(golden("epg-listings.json"));
    }

    @Test
    void shouldNameTheChannelByTheIdTheOtherOutputsGiveIt() {
        ListingMapper mapper = new ListingMapper(ZoneId.of("UTC"), Instant.parse("2026-03-15T12:00:00Z"), Duration.ZERO);
        LiveChannel byName = new LiveChannel(42, 7, "News One", null, null, null, List.of(), Instant.EPOCH);
        LiveChannel otherCase = new LiveChannel(43, 8, "News One", null, "NEWS.ONE", null, List.of(), Instant.EPOCH);

        assertThat(mapper.map(byName, ENTRIES.get(0)).channelId()).isEqualTo("ch42.polyplex");
        assertThat(mapper.map(otherCase, ENTRIES.get(0)).channelId()).isEqualTo("NEWS.ONE");
    }

    @Test
    void nothingIsArchivedWithoutACatchUpWindow() {
        ListingMapper mapper = new ListingMapper(ZoneId.of("UTC"), Instant.parse("2026-03-15T12:00:00Z"), Duration.ZERO);

        assertThat(ENTRIES.stream().map(e -> mapper.map(CHANNEL, e).hasArchive())).containsOnly(0);
    }

    @Test
    void programmesOlderThanTheWindowAreNotArchived() {
        ListingMapper mapper = new ListingMapper(ZoneId.of("UTC"), Instant.parse("2026-03-15T12:00:00Z"),
                Duration.ofHours(2));

        assertThat(ENTRIES.stream().map(e -> mapper.map(CHANNEL, e).hasArchive())).containsExactly(0, 0, 0);
        ListingMapper wider = new ListingMapper(ZoneId.of("UTC"), Instant.parse("2026-03-15T12:00:00Z"),
                Duration.ofHours(4));
        assertThat(ENTRIES.stream().map(e -> wider.map(CHANNEL, e).hasArchive())).containsExactly(1, 0, 0);
    }
}
