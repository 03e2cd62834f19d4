package org.polyplex.xtream.listing;

import java.util.stream.Stream;

/**
 * Optional {@code offset} and {@code items_per_page} of list actions. Invalid, negative or huge
 * values are ignored rather than refused: apps send whatever they were built with.
 */
public record Paging(long offset, long limit) {

    public static final Paging ALL = new Paging(0, Long.MAX_VALUE);

    public static Paging of(String offset, String itemsPerPage) {
        long from = parse(offset, 0);
        long size = parse(itemsPerPage, Long.MAX_VALUE);
        return new Paging(from, size <= 0 ? Long.MAX_VALUE : size);
    }

    public <T> Stream<T> apply(Stream<T> items) {
        return items.skip(offset).limit(limit);
    }

    private static long parse(String value, long fallback) {
        if (value == null || value.isBlank() || value.length() > 12) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            return parsed < 0 ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
