package org.polyplex.hdhr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;

import org.junit.jupiter.api.Test;

class LineupTest {

    private static final StreamUrls URLS = new StreamUrls(new ServerAddress("http", "tv.example", 8080), "al ice",
            "p/ss");

    private static LiveChannel channel(long id, Integer number, String name) {
        return new LiveChannel(id, number, name, null, null, null, List.of(), Instant.EPOCH);
    }

    @Test
    void shouldNumberAsTheXtreamOutputsAndPointAtTheLiveTsStream() {
        List<LineupEntry> lineup = Lineup.of(List.of(channel(7, 5, "Five"), channel(9, null, "Unnumbered")), URLS);

        assertThat(lineup).containsExactly(
                new LineupEntry("5", "Five", "http://tv.example:8080/live/al%20ice/p%2Fss/7.ts"),
                new LineupEntry("2", "Unnumbered", "http://tv.example:8080/live/al%20ice/p%2Fss/9.ts"));
    }

    @Test
    void shouldKeepGuideNumbersUniqueWhenAPositionMeetsAChannelNumber() {
        List<LineupEntry> lineup = Lineup.of(List.of(channel(1, 2, "Two"), channel(2, null, "Second"),
                channel(3, null, "Third")), URLS);

        assertThat(lineup).extracting(LineupEntry::guideNumber).containsExactly("2", "2.2", "3");
    }

    @Test
    void shouldListNothingForALineThatSeesNothing() {
        assertThat(Lineup.of(List.of(), URLS)).isEmpty();
    }

    @Test
    void shouldKeepTheLinesNumbersInABouquetsPartOfTheLineup() {
        List<LiveChannel> visible = List.of(channel(1, 2, "Two"), channel(2, null, "Second"),
                channel(3, null, "Third"), channel(4, null, "Fourth"));

        List<LineupEntry> bouquet = Lineup.of(visible, URLS, c -> c.id() == 2 || c.id() == 4);

        assertThat(bouquet).containsExactly(
                new LineupEntry("2.2", "Second", "http://tv.example:8080/live/al%20ice/p%2Fss/2.ts"),
                new LineupEntry("4", "Fourth", "http://tv.example:8080/live/al%20ice/p%2Fss/4.ts"));
        assertThat(Lineup.of(visible, URLS, c -> false)).isEmpty();
    }
}
