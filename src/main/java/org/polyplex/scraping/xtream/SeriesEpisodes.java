package org.polyplex.scraping.xtream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.polyplex.catalog.importing.ImportedEpisodes;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.fetch.Fetched;
import org.polyplex.scraping.source.ScrapeFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the seasons and episodes of a provider's series with {@code get_series_info}, one request
 * per series that is new or whose listed {@code last_modified} differs from the version its
 * episodes were last read at. At most {@code concurrency} requests are in flight, on threads of
 * this run only; at most {@code maxPerRun} series and {@code maxEpisodesPerRun} episodes are read
 * per run, the rest wait for the next runs. A series whose request or answer fails is left out
 * (it keeps what it had, and is read again next run) and named in a warning. Blocking.
 */
public final class SeriesEpisodes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Failures a warning names by series; the rest are counted. */
    private static final int NAMED_FAILURES = 3;

    /** The bounds of one run's reading (see {@code ScrapingConfig.Series}). */
    public record Limits(int concurrency, int maxPerRun, int maxEpisodes, int maxEpisodesPerRun) {
    }

    /** What a run read: the series' lists, and warnings for the run record. */
    record Result(List<ImportedEpisodes> episodes, List<String> warnings) {
    }

    /** One series to read, at the version its listing names. */
    record Due(String seriesId, String version) {
    }

    private final Function<String, Fetched> fetch;
    private final Limits limits;
    private final Map<String, String> known;

    /**
     * @param fetch GETs a {@code get_series_info} URL under the series bounds (timeout, body size);
     *        called from several threads at once
     * @param known the version each series' episodes were last read at, by provider series id
     */
    public SeriesEpisodes(Function<String, Fetched> fetch, Limits limits, Map<String, String> known) {
        this.fetch = fetch;
        this.limits = limits;
        this.known = Map.copyOf(known);
    }

    /** The listed series that need reading, in listing order: new, or changed since they were read. */
    List<Due> due(Map<String, String> listed) {
        List<Due> due = new ArrayList<>();
        listed.forEach((id, version) -> {
            if (!Objects.equals(known.get(id), version)) {
                due.add(new Due(id, version));
            }
        });
        return due;
    }

    /**
     * Reads the due series among {@code listed} (provider series id to listed version, in listing
     * order). {@code api} is the account's {@code player_api.php?username=&password=} URL and
     * {@code streamBase} the provider's episode URL prefix (its base, then {@code series}, the
     * username and the password, each followed by a slash).
     */
    Result read(String api, String streamBase, Map<String, String> listed) {
        List<Due> due = due(listed);
        List<String> warnings = new ArrayList<>();
        if (due.size() > limits.maxPerRun()) {
            warnings.add((due.size() - limits.maxPerRun()) + " series wait for the next run to have their episodes read"
                    + " (polyplex.scraping.series.max-per-run)");
            due = due.subList(0, limits.maxPerRun());
        }
        if (due.isEmpty()) {
            return new Result(List.of(), warnings);
        }
        SeriesInfoParser parser = new SeriesInfoParser(streamBase, limits.maxEpisodes());
        AtomicInteger budget = new AtomicInteger(limits.maxEpisodesPerRun());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limits.concurrency(), due.size()), r -> {
            Thread t = new Thread(r, "series-episodes");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Due d : due) {
                futures.add(pool.submit(() -> readOne(api, parser, d, budget)));
            }
            return collect(futures, warnings);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How reading one series ended. */
    private sealed interface Outcome {
    }

    private record Read(SeriesInfoParser.Parsed parsed) implements Outcome {
    }

    private record Failed(String seriesId, String reason) implements Outcome {
    }

    /** The run's episode budget was spent before this series: it waits for the next run. */
    private record Deferred() implements Outcome {
    }

    private Outcome readOne(String api, SeriesInfoParser parser, Due d, AtomicInteger budget) {
        if (budget.get() <= 0) {
            return new Deferred();
        }
        try {
            Fetched fetched = fetch.apply(api + "&action=get_series_info&series_id=" + d.seriesId());
            JsonNode root;
            try {
                root = MAPPER.readTree(fetched.body());
            } catch (Exception e) {
                return new Failed(d.seriesId(), "the provider answered malformed JSON");
            }
            SeriesInfoParser.Parsed parsed = parser.parse(d.seriesId(), d.version(), root);
            int size = parsed.episodes().episodes().size();
            if (budget.addAndGet(-size) < 0) {
                budget.addAndGet(size);
                return new Deferred();
            }
            return new Read(parsed);
        } catch (ScrapeFailure e) {
            return new Failed(d.seriesId(), e.getMessage());
        } catch (RuntimeException e) {
            // the message may carry a URL with the account's credentials
            return new Failed(d.seriesId(), "unexpected error (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Result collect(List<Future<Outcome>> futures, List<String> warnings) {
        List<ImportedEpisodes> read = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        int deferred = 0;
        int skipped = 0;
        for (Future<Outcome> future : futures) {
            Outcome outcome = outcome(future);
            if (outcome instanceof Read r) {
                read.add(r.parsed().episodes());
                skipped += r.parsed().skipped();
            } else if (outcome instanceof Failed f) {
                if (failed++ < NAMED_FAILURES) {
                    failures.add("series " + f.seriesId() + ": " + Redaction.text(f.reason()));
                }
            } else {
                deferred++;
            }
        }
        if (failed > 0) {
            warnings.add(failed + " series could not have their episodes read and keep what they had ("
                    + String.join("; ", failures) + (failed > NAMED_FAILURES ? "; ..." : "") + ")");
        }
        if (deferred > 0) {
            warnings.add(deferred + " series wait for the next run to have their episodes read"
                    + " (polyplex.scraping.series.max-episodes-per-run)");
        }
        if (skipped > 0) {
            warnings.add(skipped + " episodes skipped (no valid id, season or number, or listed twice)");
        }
        return new Result(read, warnings);
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScrapeFailure("interrupted while reading series episodes");
        } catch (ExecutionException e) {
            return new Failed("?", "unexpected error (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }
}
