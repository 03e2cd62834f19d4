package org.polyplex.catalog;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Series;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Sort;

/** Category administration. */
@ApplicationScoped
public class CategoryService {

    private final Clock clock;
    private final Event<CatalogChanged> changed;

    CategoryService(Clock clock, Event<CatalogChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    public Page<Category> list(CategoryKind kind, Long parentId, String q, int page, int size) {
        Queries.Filter filter = new Queries.Filter()
                .equal("kind", kind)
                .equal("parentId", parentId)
                .contains("name", q);
        var query = Category.<Category> find(filter.where(), Sort.by("sortOrder").and("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    /**
     * Checks that {@code categoryId}, when given, names an existing category of {@code kind}: what
     * channels (live), movies and series may be filed under.
     */
    public static void requireKind(Long categoryId, CategoryKind kind) {
        if (categoryId == null) {
            return;
        }
        Category category = Category.findById(categoryId);
        if (category == null) {
            throw ApiException.invalid("categoryId", "category " + categoryId + " does not exist");
        }
        if (category.kind != kind) {
            throw ApiException.invalid("categoryId", "must be a " + kind.wire() + " category");
        }
    }

    public Category get(long id) {
        return Category.<Category> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("category", id));
    }

    @Transactional
    public Category create(CategoryInput input) {
        Category category = new Category();
        category.createdAt = clock.instant();
        apply(category, input);
        category.persist();
        flush();
        return category;
    }

    @Transactional
    public Category update(long id, CategoryInput input) {
        Category category = get(id);
        if (category.kind != input.kind() && (Channel.count("categoryId", id) > 0 || Movie.count("categoryId", id) > 0
                || Series.count("categoryId", id) > 0)) {
            throw ApiException.conflict("kind", "a category that holds entries cannot change its kind");
        }
        apply(category, input);
        flush();
        return category;
    }

    @Transactional
    public void delete(long id) {
        Category category = get(id);
        long children = Category.count("parentId", id);
        long entries = Channel.count("categoryId", id) + Movie.count("categoryId", id) + Series.count("categoryId", id);
        if (children + entries > 0) {
            throw ApiException.conflict("id", "category " + id + " still holds " + entries + " entries and "
                    + children + " subcategories; move or delete them first");
        }
        category.delete();
        changed.fire(new CatalogChanged());
        flush();
    }

    private void apply(Category category, CategoryInput input) {
        String name = input.name().strip();
        Category sameName = Category.<Category> find("kind = ?1 and name = ?2", input.kind(), name).firstResult();
        if (sameName != null && !sameName.id.equals(category.id)) {
            throw ApiException.conflict("name", "a " + input.kind().wire() + " category named '" + name + "' exists");
        }
        if (input.parentId() != null) {
            requireParent(category, input);
        }
        category.name = name;
        category.kind = input.kind();
        category.parentId = input.parentId();
        category.sortOrder = input.sortOrder() == null ? 0 : input.sortOrder();
        changed.fire(new CatalogChanged());
    }

    private static void requireParent(Category category, CategoryInput input) {
        Set<Long> seen = new HashSet<>();
        Long cursor = input.parentId();
        while (cursor != null) {
            if (cursor.equals(category.id) || !seen.add(cursor)) {
                throw ApiException.invalid("parentId", "would make a cycle");
            }
            Category parent = Category.findById(cursor);
            if (parent == null) {
                throw ApiException.invalid("parentId", "category " + cursor + " does not exist");
            }
            if (parent.kind != input.kind()) {
                throw ApiException.invalid("parentId", "must be a " + input.kind().wire() + " category");
            }
            cursor = parent.parentId;
        }
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("name", "a category with this kind and name exists");
            case FOREIGN_KEY -> ApiException.conflict("id", "category is still referenced");
        });
    }
}
