package org.polyplex.catalog.importing;

/**
 * Who imports, and the settings that shape what it creates: the feeding source's id (stored on
 * the rows it creates, part of provider natural keys), the failover rank of its streams
 * ({@code channel_sources.priority = priority * 1000 + position}), the provider's cap on
 * concurrent streams (null: none), the category every live channel goes to (null: categories from
 * the entries' groups; VOD always keeps its groups), and how many runs in a row may miss an entry
 * before it is disabled.
 */
public record ImportOrigin(long sourceId, int priority, Integer maxConnections, Long categoryId, int maxMissedRuns) {
}
