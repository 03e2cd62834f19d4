package org.polyplex.restream.destination;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.secrets.SecretBox;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Sort;

/**
 * Destinations: CRUD with the stream key encrypted by {@link SecretBox} (write-only), the URL
 * checks, and the resolution of a destination into the URL ffmpeg publishes to. Blocking.
 */
@ApplicationScoped
public class DestinationService {

    private final Clock clock;
    private final SecretBox secrets;

    DestinationService(Clock clock, SecretBox secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Destination> list(String q, int page, int size) {
        Queries.Filter filter = new Queries.Filter().contains("name", q);
        var query = Destination.<Destination> find(filter.where(), Sort.by("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Destination get(long id) {
        return Destination.require(id);
    }

    @Transactional
    public Destination create(DestinationInput input) {
        Destination d = new Destination();
        apply(d, input, true);
        d.createdAt = clock.instant();
        d.updatedAt = d.createdAt;
        d.persist();
        flush();
        return d;
    }

    @Transactional
    public Destination update(long id, DestinationInput input) {
        Destination d = Destination.require(id);
        apply(d, input, false);
        d.updatedAt = clock.instant();
        flush();
        return d;
    }

    /** Deletes it; a 409 while a restream uses it. */
    @Transactional
    public void delete(long id) {
        Destination.require(id).delete();
        DbConstraints.flush(kind -> ApiException.conflict("id", "destination " + id
                + " is used by a restream; remove it from the restream first"));
    }

    /** The destinations among {@code ids} that do not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> missing(Collection<Long> ids) {
        Set<Long> found = new HashSet<>();
        Destination.<Destination> list("id in ?1", ids).forEach(d -> found.add(d.id));
        return ids.stream().filter(i -> !found.contains(i)).distinct().toList();
    }

    /** The destination with its full publish URL (key decrypted); a 404 when it is gone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResolvedDestination resolve(long id) {
        Destination d = Destination.require(id);
        String key = d.streamKey == null ? null : secrets.decrypt(d.streamKey);
        return new ResolvedDestination(d.id, d.name,
                DestinationUrls.publishUrl(DestinationUrls.base(d.preset, d.url), key), key);
    }

    /** Records that a restream went live on the destination. */
    @Transactional
    public void markUsed(long id, Instant at) {
        Destination.update("lastUsedAt = ?1 where id = ?2", at, id);
    }

    private void apply(Destination d, DestinationInput input, boolean create) {
        String url = input.url() == null || input.url().isBlank() ? null : DestinationUrls.validateBase(input.url());
        if (input.preset() == Preset.CUSTOM && url == null) {
            throw ApiException.invalid("url", "is required for the custom preset");
        }
        String name = input.name().strip();
        Destination.<Destination> find("name", name).firstResultOptional().filter(o -> !o.id.equals(d.id))
                .ifPresent(o -> {
                    throw ApiException.conflict("name", "a destination named '" + name + "' exists");
                });
        d.name = name;
        d.preset = input.preset();
        d.url = url;
        String key = input.streamKey();
        if (key != null && !key.isEmpty()) {
            d.streamKey = secrets.encrypt(DestinationUrls.validateKey(key));
        } else if (key != null || create) {
            d.streamKey = null;
        }
        if (d.streamKey == null && d.preset != Preset.CUSTOM) {
            throw ApiException.invalid("streamKey", "is required for the " + d.preset.wire() + " preset");
        }
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("name", "a destination with this name exists");
            case FOREIGN_KEY -> ApiException.conflict("id", "the destination is in use");
        });
    }
}
