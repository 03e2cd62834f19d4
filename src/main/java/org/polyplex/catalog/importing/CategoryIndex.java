package org.polyplex.catalog.importing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;

import org.hibernate.StatelessSession;

/**
 * Category ids by name for one kind, loaded in one query; a group title that has no category yet
 * gets one, inserted at once so that rows written later may refer to it. Names match
 * case-insensitively so "Sports" and "SPORTS" land together. Used inside one import only.
 */
final class CategoryIndex {

    private final StatelessSession session;
    private final CategoryKind kind;
    private final Instant now;
    private final Map<String, Long> ids = new HashMap<>();
    private int nextSortOrder;

    CategoryIndex(StatelessSession session, CategoryKind kind, Instant now) {
        this.session = session;
        this.kind = kind;
        this.now = now;
        List<Known> rows = session.createQuery("select c.id, c.name, c.sortOrder from Category c where c.kind = :kind",
                Known.class).setParameter("kind", kind).getResultList();
        for (Known row : rows) {
            ids.putIfAbsent(norm(row.name()), row.id());
            nextSortOrder = Math.max(nextSortOrder, row.sortOrder() + 1);
        }
    }

    /** The id of the category named {@code name}, created when missing; null for no name. */
    Long idFor(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String clean = name.strip();
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        Long id = ids.get(norm(clean));
        if (id == null) {
            Category category = new Category();
            category.name = clean;
            category.kind = kind;
            category.sortOrder = nextSortOrder++;
            category.createdAt = now;
            session.insert(category);
            id = category.id;
            ids.put(norm(clean), id);
        }
        return id;
    }

    private static String norm(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A category of the kind as it is stored. */
    private record Known(Long id, String name, Integer sortOrder) {
    }
}
