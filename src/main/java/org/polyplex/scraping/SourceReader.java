package org.polyplex.scraping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.CatalogConfig;
import org.polyplex.catalog.model.SourceHeaders;
import org.polyplex.platform.secrets.SecretBox;
import org.polyplex.scraping.fetch.DestinationGuard;
import org.polyplex.scraping.fetch.Fetched;
import org.polyplex.scraping.fetch.SourceFetcher;
import org.polyplex.scraping.parser.Documents;
import org.polyplex.scraping.parser.Harvest;
import org.polyplex.scraping.parser.ParseResult;
import org.polyplex.scraping.parser.ScrapedChannel;
import org.polyplex.scraping.source.ScrapeFailure;
import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.ScrapingConfig;
import org.polyplex.scraping.source.SourceType;
import org.polyplex.scraping.xtream.SeriesEpisodes;
import org.polyplex.scraping.xtream.XtreamHarvester;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads one scraper source into a {@link Harvest}, touching no database: a provider account
 * through its API, any other source by fetching and parsing its document and, for HTML pages,
 * the playlists it links to (once each, at most {@code max-followed-links}). Scraped URLs that
 * name internal destinations are refused and counted. Stream headers are checked here: a bad one
 * is dropped with a run warning, never the entry. Blocking; worker threads only.
 */
@ApplicationScoped
class SourceReader {

    /** Distinct warnings a run keeps; header problems of a hostile list must not fill the run record. */
    private static final int MAX_WARNINGS = 50;

    private final ScrapingConfig config;
    private final SourceFetcher fetcher;
    private final SecretBox secrets;
    private final MeterRegistry metrics;
    private final CatalogConfig.SourceHeaders headerLimits;

    SourceReader(ScrapingConfig config, SourceFetcher fetcher, SecretBox secrets, MeterRegistry metrics,
            CatalogConfig catalog) {
        this.config = config;
        this.headerLimits = catalog.sourceHeaders();
        this.fetcher = fetcher;
        this.secrets = secrets;
        this.metrics = metrics;
    }

    /** Reads the source; throws {@link ScrapeFailure} with the reason when it cannot. */
    Harvest harvest(ScraperSource source) {
        return harvest(source, Map.of());
    }

    /**
     * Reads the source; for a provider account, {@code seriesVersions} are the versions at which
     * its series last had their episodes read (by provider series id): only the others are read.
     */
    Harvest harvest(ScraperSource source, Map<String, String> seriesVersions) {
        if (source.type == SourceType.XTREAM) {
            String password = source.passwordEncrypted == null ? null : secrets.decrypt(source.passwordEncrypted);
            ScrapingConfig.Series series = config.series();
            SeriesEpisodes episodes = series.enabled() ? new SeriesEpisodes(fetcher::getSeriesInfo,
                    new SeriesEpisodes.Limits(series.concurrency(), series.maxPerRun(), series.maxEpisodes(),
                            series.maxEpisodesPerRun()),
                    seriesVersions) : null;
            return new XtreamHarvester(fetcher::get, config.maxEntries(), episodes).harvest(source.url, source.username,
                    password);
        }
        DestinationGuard.Check check = fetcher.check(source.url);
        ParseResult first = parse(source.type, fetcher.get(source.url, check));
        List<ScrapedChannel> channels = new ArrayList<>();
        List<String> warnings = new ArrayList<>(first.warnings());
        List<String> reasons = new ArrayList<>(first.skipReasons());
        int skipped = first.skipped();
        Set<String> urls = new HashSet<>();
        skipped += admit(first.channels(), check, urls, channels, reasons, warnings);
        List<String> links = first.links();
        if (links.size() > config.maxFollowedLinks()) {
            warnings.add(links.size() + " playlist links; followed the first " + config.maxFollowedLinks());
            links = links.subList(0, config.maxFollowedLinks());
        }
        for (String link : links) {
            try {
                ParseResult linked = parse(SourceType.AUTO, fetcher.get(link, check));
                skipped += linked.skipped();
                reasons.addAll(linked.skipReasons());
                skipped += admit(linked.channels(), check, urls, channels, reasons, warnings);
            } catch (ScrapeFailure e) {
                warnings.add("linked playlist: " + e.getMessage());
            }
        }
        if (channels.size() > config.maxEntries()) {
            throw new ScrapeFailure("more than " + config.maxEntries() + " entries (polyplex.scraping.max-entries)");
        }
        return new Harvest(channels, List.of(), List.of(), skipped, reasons.subList(0, Math.min(20, reasons.size())),
                warnings, null);
    }

    /**
     * Adds the channels whose URLs are new and whose destinations scraped content may name;
     * returns how many were refused (each with a reason). Their stream headers are checked: what
     * cannot be sent is dropped with a warning.
     */
    private int admit(List<ScrapedChannel> found, DestinationGuard.Check check, Set<String> urls, List<ScrapedChannel> into,
            List<String> reasons, List<String> warnings) {
        int refused = 0;
        for (ScrapedChannel c : found) {
            String refusal = check.refusal(c.url());
            if (refusal != null) {
                refused++;
                reasons.add("refused source URL for '" + c.name() + "': " + refusal);
            } else if (urls.add(c.url())) {
                into.add(withCheckedHeaders(c, warnings));
            }
        }
        if (refused > 0) {
            metrics.counter("polyplex.scrape.refused").increment(refused);
        }
        return refused;
    }

    private ScrapedChannel withCheckedHeaders(ScrapedChannel c, List<String> warnings) {
        if (c.headers().isEmpty()) {
            return c;
        }
        var checked = SourceHeaders.check(c.headers(), headerLimits.maxCount(), headerLimits.maxValueLength());
        for (String problem : checked.problems()) {
            if (!warnings.contains(problem) && warnings.size() < MAX_WARNINGS) {
                warnings.add(problem);
            }
        }
        return new ScrapedChannel(c.name(), c.url(), c.epgId(), c.logoUrl(), c.group(), c.number(), c.providerId(),
                checked.headers(), c.archive());
    }

    private ParseResult parse(SourceType type, Fetched fetched) {
        Documents.Format format = switch (type) {
            case JSON -> Documents.Format.JSON;
            case M3U -> Documents.Format.M3U;
            case HTML -> Documents.Format.HTML;
            default -> Documents.detect(fetched.contentType(), fetched.body());
        };
        long maxHtml = config.fetch().maxHtmlSize().asLongValue();
        if (format == Documents.Format.HTML && fetched.body().length > maxHtml) {
            throw new ScrapeFailure("HTML page is larger than " + maxHtml + " bytes (polyplex.scraping.fetch.max-html-size)");
        }
        return Documents.parse(format, fetched.body(), fetched.contentType(), fetched.finalUrl(), config.maxEntries());
    }
}
