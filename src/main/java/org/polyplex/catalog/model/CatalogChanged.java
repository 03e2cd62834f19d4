package org.polyplex.catalog.model;

/** Fired inside a transaction that changed the catalog; the snapshot is rebuilt after it commits. */
public record CatalogChanged() {
}
