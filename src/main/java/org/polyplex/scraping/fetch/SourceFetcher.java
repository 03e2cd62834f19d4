package org.polyplex.scraping.fetch;

import java.io.IOException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.fetch.BlockingFetcher;
import org.polyplex.platform.fetch.FetchException;
import org.polyplex.platform.fetch.FetchPolicy;
import org.polyplex.platform.fetch.FetchedBody;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.source.ScrapeFailure;
import org.polyplex.scraping.source.ScrapingConfig;

/**
 * Blocking HTTP GET for scrapers, on worker threads only (scheduler, REST worker), through the
 * platform's {@link BlockingFetcher}: connect timeout, one deadline for the whole response, a cap
 * on the decoded body, gzip, a limited number of redirects that must stay on http(s) (never from
 * https down to http), every hop put to the SSRF guard, and our User-Agent. Failures are
 * {@link ScrapeFailure}s whose messages carry no credentials.
 */
@ApplicationScoped
public class SourceFetcher {

    private final ScrapingConfig.Fetch config;
    private final ScrapingConfig.Series series;
    private final DestinationGuard guard;
    private final BlockingFetcher fetcher;
    private final BlockingFetcher seriesFetcher;

    SourceFetcher(ScrapingConfig config) {
        this.config = config.fetch();
        this.series = config.series();
        this.guard = new DestinationGuard(config.ssrf());
        ScrapingConfig.Fetch f = this.config;
        long cap = f.maxBodySize().asLongValue();
        this.fetcher = new BlockingFetcher(
                new FetchPolicy(f.connectTimeout(), f.timeout(), f.timeout(), cap, cap, f.maxRedirects(), f.userAgent()));
        long seriesCap = series.maxBodySize().asLongValue();
        this.seriesFetcher = new BlockingFetcher(new FetchPolicy(f.connectTimeout(), series.timeout(), series.timeout(),
                seriesCap, seriesCap, f.maxRedirects(), f.userAgent()));
    }

    @PreDestroy
    void stop() {
        fetcher.close();
        seriesFetcher.close();
    }

    /**
     * Fetches one provider {@code get_series_info} answer under the series bounds
     * ({@code polyplex.scraping.series.timeout} and {@code max-body-size}); the account's host is
     * trusted, redirects elsewhere are checked. Safe to call from several threads at once.
     */
    public Fetched getSeriesInfo(String url) {
        DestinationGuard.Check check = check(url); // one per call: a check caches verdicts unsynchronised
        try (FetchedBody body = seriesFetcher.open(url, uri -> check.refusal(uri.toString()))) {
            return new Fetched(body.readAll(), body.contentType().orElse(null), body.uri().toString());
        } catch (FetchException e) {
            throw switch (e.kind()) {
                case TOO_LARGE -> new ScrapeFailure("response is larger than " + series.maxBodySize().asLongValue()
                        + " bytes (polyplex.scraping.series.max-body-size)");
                case TIMEOUT -> new ScrapeFailure("timed out after " + series.timeout().toSeconds()
                        + "s (polyplex.scraping.series.timeout)");
                default -> failure(e);
            };
        } catch (IOException e) {
            throw new ScrapeFailure("cannot read the response: " + Redaction.message(e));
        }
    }

    /** A check for one run whose configured source URL is {@code sourceUrl}: its host is trusted. */
    public DestinationGuard.Check check(String sourceUrl) {
        return guard.check(DestinationGuard.host(sourceUrl));
    }

    /** Fetches a URL an admin configured: its host is trusted, redirects elsewhere are checked. */
    public Fetched get(String url) {
        return get(url, check(url));
    }

    /** Fetches a URL; the URL and every redirect must pass {@code check} (scraped links). */
    public Fetched get(String url, DestinationGuard.Check check) {
        try (FetchedBody body = fetcher.open(url, uri -> check.refusal(uri.toString()))) {
            return new Fetched(body.readAll(), body.contentType().orElse(null), body.uri().toString());
        } catch (FetchException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new ScrapeFailure("cannot read the response: " + Redaction.message(e));
        }
    }

    /** Words a fetch failure as scraping reports it; the fetcher's messages are already redacted. */
    private ScrapeFailure failure(FetchException e) {
        return switch (e.kind()) {
            case TOO_LARGE -> new ScrapeFailure("response is larger than " + config.maxBodySize().asLongValue()
                    + " bytes (polyplex.scraping.fetch.max-body-size)");
            case TIMEOUT -> new ScrapeFailure("timed out after " + config.timeout().toSeconds() + "s");
            // the other invalid URLs (malformed, a redirect to garbage) keep their own wording
            case INVALID_URL -> new ScrapeFailure(e.getMessage() != null && e.getMessage().startsWith("only http")
                    ? "only http and https URLs are fetched"
                    : e.getMessage());
            default -> new ScrapeFailure(e.getMessage());
        };
    }
}
