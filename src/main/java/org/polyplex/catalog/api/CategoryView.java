package org.polyplex.catalog.api;

import java.time.Instant;

import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;

/** A category as the admin API shows it. */
public record CategoryView(long id, String name, CategoryKind kind, Long parentId, int sortOrder, Instant createdAt) {

    static CategoryView of(Category c) {
        return new CategoryView(c.id, c.name, c.kind, c.parentId, c.sortOrder, c.createdAt);
    }
}
