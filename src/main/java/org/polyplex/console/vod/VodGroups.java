package org.polyplex.console.vod;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.model.CategoryKind;

import io.quarkus.qute.TemplateData;

/** The category pickers of the movie and series lists (the first {@value #MAX_GROUPS} of a kind). */
@ApplicationScoped
public class VodGroups {

    static final int MAX_GROUPS = 500;

    /** A category of the picker. */
    @TemplateData
    public record Group(String id, String name) {
    }

    private final CategoryService categories;

    VodGroups(CategoryService categories) {
        this.categories = categories;
    }

    List<Group> of(CategoryKind kind) {
        return categories.list(kind, null, null, 0, MAX_GROUPS).items().stream()
                .map(c -> new Group(c.id.toString(), c.name)).toList();
    }

    static Map<String, String> names(List<Group> groups) {
        return groups.stream().collect(Collectors.toMap(Group::id, Group::name, (a, b) -> a));
    }

    /** A category id typed in the query, or null. */
    static Long id(String group) {
        return group == null || !group.matches("[0-9]{1,18}") ? null : Long.valueOf(group);
    }

    static String name(Map<String, String> names, Long categoryId) {
        return categoryId == null ? "" : names.getOrDefault(categoryId.toString(), "#" + categoryId);
    }
}
