package org.polyplex.catalog.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A live, movie or series category; the natural key is (kind, name). */
@Entity
@Table(name = "categories")
public class Category extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "categories_seq")
    @SequenceGenerator(name = "categories_seq", sequenceName = "categories_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 10)
    public CategoryKind kind;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

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
}
