package org.polyplex.catalog.importing;

/** What one import changed: entries created, changed, and disabled for having vanished. */
public record ImportCounts(int added, int updated, int removed) {

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(added + other.added, updated + other.updated, removed + other.removed);
    }

    /** Whether the import changed anything. */
    public boolean any() {
        return added + updated + removed > 0;
    }
}
