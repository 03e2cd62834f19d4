package org.polyplex.catalog;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.model.Bouquet;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.Channel;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Bouquet administration. */
@ApplicationScoped
public class BouquetService {

    private final Clock clock;
    private final Event<CatalogChanged> changed;

    BouquetService(Clock clock, Event<CatalogChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    public Page<Bouquet> list(String q, int page, int size) {
        var query = q == null || q.isBlank()
                ? Bouquet.<Bouquet> findAll(Sort.by("name").and("id"))
                : Bouquet.<Bouquet> find("lower(name) like :q", Sort.by("name").and("id"),
                        Parameters.with("q", Queries.contains(q)));
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public Bouquet get(long id) {
        return Bouquet.<Bouquet> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("bouquet", id));
    }

    @Transactional
    public Bouquet create(BouquetInput input) {
        Bouquet bouquet = new Bouquet();
        bouquet.createdAt = clock.instant();
        apply(bouquet, input);
        bouquet.persist();
        flush("name", "a bouquet with this name exists");
        return bouquet;
    }

    @Transactional
    public Bouquet update(long id, BouquetInput input) {
        Bouquet bouquet = get(id);
        apply(bouquet, input);
        flush("name", "a bouquet with this name exists");
        return bouquet;
    }

    /** Refused while users hold the bouquet: emptying their bouquets would widen what they see. */
    @Transactional
    public void delete(long id) {
        get(id).delete();
        changed.fire(new CatalogChanged());
        flush("id", "bouquet " + id + " is assigned to users; take it from them first");
    }

    private void apply(Bouquet bouquet, BouquetInput input) {
        String name = input.name().strip();
        Bouquet sameName = Bouquet.<Bouquet> find("name", name).firstResult();
        if (sameName != null && !sameName.id.equals(bouquet.id)) {
            throw ApiException.conflict("name", "a bouquet named '" + name + "' exists");
        }
        Set<Long> categoryIds = input.categoryIds() == null ? Set.of() : input.categoryIds();
        Set<Long> channelIds = input.channelIds() == null ? Set.of() : input.channelIds();
        requireAll("categoryIds", categoryIds, categoryIds.isEmpty() ? 0 : Category.count("id in ?1", categoryIds));
        requireAll("channelIds", channelIds, channelIds.isEmpty() ? 0 : Channel.count("id in ?1", channelIds));
        bouquet.name = name;
        bouquet.categoryIds.clear();
        bouquet.categoryIds.addAll(categoryIds);
        bouquet.channelIds.clear();
        bouquet.channelIds.addAll(channelIds);
        changed.fire(new CatalogChanged());
    }

    private static void requireAll(String field, Set<Long> ids, long found) {
        if (found != ids.size()) {
            throw ApiException.invalid(field, "lists " + (ids.size() - found) + " id(s) that do not exist");
        }
    }

    private static void flush(String field, String conflict) {
        DbConstraints.flush(kind -> ApiException.conflict(field, conflict));
    }
}
