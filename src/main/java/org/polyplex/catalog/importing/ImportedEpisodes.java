package org.polyplex.catalog.importing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The seasons and episodes of one provider series as its provider answered them, validated by
 * the importer: the series' {@code providerId}, the {@code version} they were read at (the
 * provider's {@code last_modified}, "" when it names none), and the whole lists. Episodes are
 * unique by provider id and by (season, number); seasons by number. An import replaces what the
 * series had with these lists, keeping the ids of episodes whose provider id stays.
 */
public record ImportedEpisodes(String providerId, String version, List<Season> seasons, List<Episode> episodes) {

    public ImportedEpisodes {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(version, "version");
        seasons = List.copyOf(seasons);
        episodes = List.copyOf(episodes);
    }

    /** Season metadata; {@code name} at most 300 characters, {@code overview} 4000, {@code coverUrl} http(s) or null. */
    public record Season(int number, String name, String overview, LocalDate airDate, String coverUrl) {
    }

    /**
     * One episode: {@code url} its http(s) stream URL, {@code extension} the container, {@code title}
     * at most 300 characters, {@code plot} 4000, {@code imageUrl} http(s) or null.
     */
    public record Episode(String providerId, int season, int number, String title, String url, String extension,
            String plot, Integer durationSeconds, String imageUrl) {

        public Episode {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(extension, "extension");
        }
    }
}
