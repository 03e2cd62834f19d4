package org.polyplex.epg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.polyplex.epg.EpgTestSupport;
import org.polyplex.epg.xmltv.XmltvProgramme;

import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.agroal.api.AgroalDataSource;

/**
 * Guide reads over one channel holding {@value #PROGRAMMES} programmes: each request reads about
 * as many rows as it answers, whatever the channel holds. Rows read come from the database's own
 * plan (H2 {@code EXPLAIN ANALYZE} scan counts, PostgreSQL actual rows), never from timings.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideStoreTest {

    private static final int PROGRAMMES = 200_000;
    private static final Pattern H2_SCAN = Pattern.compile("scanCount: (\\d+)");
    private static final Pattern PG_SCAN = Pattern.compile("Scan.*actual time=\\S+ rows=(\\d+) loops=(\\d+)");

    @Inject
    GuideStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Vertx vertx;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private GuideRef big;

    /**
     * Ten-minute programmes from 30 days ago on, about 4,300 over and the rest to come; written
     * once, by the first test (the HTTP API that creates the source is up only by then).
     */
    private synchronized GuideRef big() {
        if (big == null) {
            String tag = EpgTestSupport.tag();
            long source = EpgTestSupport.createSource(EpgTestSupport.write("big-" + tag + ".xml", new byte[0]));
            GenerationWriter writer = store.writer(source, 1, 5_000);
            Instant first = now.minus(Duration.ofDays(30)).plusSeconds(1);
            for (int i = 0; i < PROGRAMMES; i++) {
                Instant start = first.plus(Duration.ofMinutes(10L * i));
                writer.programme(new XmltvProgramme("big-" + tag, start, start.plus(Duration.ofMinutes(10)), "P" + i,
                        null, null, null, List.of(), List.of(), null));
            }
            writer.finish();
            big = new GuideRef(source, 1, "big-" + tag);
        }
        return big;
    }

    @AfterAll
    void deleteTheBigChannel() {
        if (big != null) {
            store.deleteGeneration(big.sourceId(), big.generation());
        }
    }

    @Test
    void shouldReadAboutTheRowsItAnswersWhenAChannelHoldsManyProgrammes() throws SQLException {
        GuideRef ref = big();
        Instant far = now.plus(Duration.ofDays(36_500));
        // get_short_epg (limit 100), get_simple_data_table (7 days back), one /xmltv.php page
        for (Instant from : List.of(now, now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(1)))) {
            for (int limit : List.of(100, 10_000, 500)) {
                assertThat(rowsRead(ref, GuideStore.ON_AIR_SQL, from, far, -1)).as("on air at %s", from).isLessThanOrEqualTo(2);
                assertThat(rowsRead(ref, GuideStore.WINDOW_SQL + limit + " rows only", from, far, limit))
                        .as("window from %s, limit %d", from, limit).isLessThanOrEqualTo(limit + 1);
            }
        }
    }

    @Test
    void shouldAnswerTheProgrammeOnAirAndTheNextOnesWhenAChannelHoldsManyProgrammes() {
        List<GuideEntry> next = store.programmes(big(), now, now.plus(Duration.ofDays(36_500)), 100);

        assertThat(next).hasSize(100);
        assertThat(next.get(0).programme().start()).isBeforeOrEqualTo(now);
        assertThat(next.get(0).programme().stop()).isAfter(now);
        assertThat(next).extracting(e -> e.programme().start()).isSorted();
        assertThat(store.page(big(), next.get(99).programme().start().getEpochSecond(), now.plus(Duration.ofDays(1)), 3))
                .extracting(e -> e.programme().title())
                .containsExactly(next.get(99).programme().title(), "P" + (titleNumber(next.get(99)) + 1),
                        "P" + (titleNumber(next.get(99)) + 2));
    }

    @Test
    void shouldRefuseToQueryWhenCalledOnTheEventLoop() throws Exception {
        GuideRef ref = big();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                store.programmes(ref, now, now.plus(Duration.ofDays(1)), 4);
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event loop");
    }

    private static int titleNumber(GuideEntry entry) {
        return Integer.parseInt(entry.programme().title().substring(1));
    }

    /**
     * Rows the database reads for one of the store's statements, bound as the store binds it
     * ({@code limit} -1: the on-air statement).
     */
    private long rowsRead(GuideRef ref, String sql, Instant from, Instant to, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
            try (PreparedStatement ps = c.prepareStatement((h2 ? "explain analyze " : "explain (analyze) ") + sql)) {
                ps.setLong(1, ref.sourceId());
                ps.setLong(2, ref.generation());
                ps.setString(3, ref.xmltvId());
                if (limit < 0) {
                    ps.setLong(4, from.getEpochSecond());
                    ps.setLong(5, from.getEpochSecond() - 86_400);
                } else {
                    ps.setLong(4, from.getEpochSecond() - 600);
                    ps.setLong(5, to.getEpochSecond());
                    ps.setLong(6, from.getEpochSecond());
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return h2 ? sum(H2_SCAN, plan, false) : sum(PG_SCAN, plan, true);
            }
        }
    }

    private static long sum(Pattern pattern, CharSequence plan, boolean timesLoops) {
        long total = 0;
        Matcher m = pattern.matcher(plan);
        while (m.find()) {
            total += Long.parseLong(m.group(1)) * (timesLoops ? Long.parseLong(m.group(2)) : 1);
        }
        assertThat(total).as("plan: %s", plan).isPositive();
        return total;
    }
}
