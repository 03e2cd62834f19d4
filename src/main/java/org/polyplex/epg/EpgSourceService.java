package org.polyplex.epg;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.epg.model.EpgRun;
import org.polyplex.epg.model.EpgSource;
import org.polyplex.epg.store.GuideStore;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

/** EPG source administration and run history. */
@ApplicationScoped
public class EpgSourceService {

    static final int DEFAULT_INTERVAL_MINUTES = 720;

    private final Clock clock;
    private final EpgConfig config;
    private final GuideStore store;

    EpgSourceService(Clock clock, EpgConfig config, GuideStore store) {
        this.clock = clock;
        this.config = config;
        this.store = store;
    }

    public Page<EpgSource> list(int page, int size) {
        var query = EpgSource.<EpgSource> findAll(Sort.by("id"));
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public EpgSource get(long id) {
        return EpgSource.<EpgSource> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("epg source", id));
    }

    @Transactional
    public EpgSource create(EpgSourceInput input) {
        EpgSource source = new EpgSource();
        source.createdAt = clock.instant();
        apply(source, input);
        source.persist();
        return source;
    }

    /** Updates a source; enabling or disabling it changes which guides match at once. */
    public EpgSource update(long id, EpgSourceInput input) {
        EpgSource source = QuarkusTransaction.requiringNew().call(() -> {
            EpgSource s = get(id);
            apply(s, input);
            return s;
        });
        store.reloadIndex();
        return source;
    }

    /** Deletes a source, its runs and its guide (the foreign keys cascade). */
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> get(id));
        // The guide goes first in chunks, so that the final delete stays a small transaction.
        store.deleteOtherGenerations(id, -1);
        QuarkusTransaction.requiringNew().run(() -> {
            EpgRun.delete("sourceId", id);
            EpgSource.deleteById(id);
        });
        store.reloadIndex();
    }

    public Page<EpgRun> runs(long sourceId, int page, int size) {
        get(sourceId);
        var query = EpgRun.<EpgRun> find("sourceId", Sort.by("startedAt").descending().and("id").descending(), sourceId);
        return new Page<>(query.page(page, size).list(), query.count());
    }

    /** The newest runs of all sources, newest first, at most {@code max}. */
    public List<EpgRun> recentRuns(int max) {
        return EpgRun.<EpgRun> findAll(Sort.by("startedAt").descending().and("id").descending()).page(0, max).list();
    }

    private void apply(EpgSource source, EpgSourceInput input) {
        source.url = checkedUrl(input.url().strip());
        source.enabled = input.enabled() == null || input.enabled();
        source.intervalMinutes = input.intervalMinutes() == null ? DEFAULT_INTERVAL_MINUTES : input.intervalMinutes();
        source.offsetMinutes = input.offsetMinutes() == null ? 0 : input.offsetMinutes();
    }

    private String checkedUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url;
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw ApiException.invalid("url", "must be http(s) or a file path under " + config.localRoot() + "/");
        }
        try {
            Path root = Path.of(config.localRoot()).toAbsolutePath().normalize();
            if (!Path.of(url).toAbsolutePath().normalize().startsWith(root)) {
                throw ApiException.invalid("url", "a local file must lie under " + config.localRoot() + "/");
            }
        } catch (InvalidPathException e) {
            throw ApiException.invalid("url", "is not a valid path");
        }
        return url;
    }
}
