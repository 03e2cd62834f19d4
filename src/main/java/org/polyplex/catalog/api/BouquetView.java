package org.polyplex.catalog.api;

import java.time.Instant;
import java.util.List;

import org.polyplex.catalog.model.Bouquet;

/** A bouquet as the admin API shows it; ids sorted. */
public record BouquetView(long id, String name, List<Long> categoryIds, List<Long> channelIds, Instant createdAt) {

    static BouquetView of(Bouquet b) {
        return new BouquetView(b.id, b.name, b.categoryIds.stream().sorted().toList(),
                b.channelIds.stream().sorted().toList(), b.createdAt);
    }
}
