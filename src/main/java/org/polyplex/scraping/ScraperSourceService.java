package org.polyplex.scraping;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.platform.secrets.SecretBox;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;
import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.panache.common.Sort;

/** Administration of scraper sources and their run history. */
@ApplicationScoped
public class ScraperSourceService {

    private final Clock clock;
    private final SecretBox secrets;

    ScraperSourceService(Clock clock, SecretBox secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    public Page<ScraperSource> list(int page, int size) {
        var query = ScraperSource.<ScraperSource> findAll(Sort.by("id"));
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public ScraperSource get(long id) {
        return ScraperSource.<ScraperSource> findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("scraper source", id));
    }

    @Transactional
    public ScraperSource create(ScraperSourceInput input) {
        ScraperSource source = new ScraperSource();
        source.createdAt = clock.instant();
        apply(source, input);
        source.persist();
        return source;
    }

    @Transactional
    public ScraperSource update(long id, ScraperSourceInput input) {
        ScraperSource source = get(id);
        apply(source, input);
        return source;
    }

    /** Deletes the source and its runs; the channels it imported stay (their rows lose the link). */
    @Transactional
    public void delete(long id) {
        get(id).delete();
    }

    public Page<ScrapeRun> runs(long sourceId, int page, int size) {
        get(sourceId);
        var query = ScrapeRun.<ScrapeRun> find("sourceId", Sort.descending("startedAt").and("id", Sort.Direction.Descending),
                sourceId);
        return new Page<>(query.page(page, size).list(), query.count());
    }

    /** The newest runs of all sources, newest first, at most {@code max}. */
    public List<ScrapeRun> recentRuns(int max) {
        return ScrapeRun.<ScrapeRun> findAll(Sort.descending("startedAt").and("id", Sort.Direction.Descending))
                .page(0, max).list();
    }

    private void apply(ScraperSource source, ScraperSourceInput input) {
        String url = input.url().strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") || url.chars().anyMatch(Character::isWhitespace)) {
            throw ApiException.invalid("url", "must be an http(s) URL");
        }
        if (input.categoryId() != null) {
            Category category = Category.findById(input.categoryId());
            if (category == null || category.kind != CategoryKind.LIVE) {
                throw ApiException.invalid("categoryId", "must be an existing live category");
            }
        }
        source.url = url;
        source.type = input.type();
        source.enabled = !Boolean.FALSE.equals(input.enabled());
        source.intervalMinutes = input.intervalMinutes() == null ? 60 : input.intervalMinutes();
        source.categoryId = input.categoryId();
        source.priority = input.priority() == null ? 0 : input.priority();
        source.maxConnections = input.maxConnections();
        source.username = blankToNull(input.username());
        if (input.password() != null && !input.password().isEmpty()) {
            source.passwordEncrypted = secrets.encrypt(input.password());
        }
        if (source.type == SourceType.XTREAM && (source.username == null || source.passwordEncrypted == null)) {
            throw ApiException.invalid(source.username == null ? "username" : "password", "is required for an xtream source");
        }
    }

    /**
     * Enabled sources whose interval has passed since their last run, never-run and oldest first.
     * A projection, not entities: a session that loaded the sources earlier would answer stale
     * {@code lastScraped} values from its cache.
     */
    public List<Long> due() {
        Instant now = clock.instant();
        return ScraperSource.getEntityManager().createQuery(
                "select s.id, s.lastScraped, s.intervalMinutes from ScraperSource s where s.enabled = true"
                        + " order by s.lastScraped nulls first, s.id",
                Schedule.class)
                .getResultList().stream()
                .filter(r -> r.lastScraped() == null || !r.lastScraped().plusSeconds(60L * r.intervalMinutes()).isAfter(now))
                .map(Schedule::id)
                .toList();
    }

    /** When a source last ran and how often it runs. */
    private record Schedule(Long id, Instant lastScraped, Integer intervalMinutes) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
