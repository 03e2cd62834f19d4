package org.polyplex.epg.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.epg.EpgTestSupport.createChannel;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.epg.EpgService;
import org.polyplex.epg.store.GuideStore;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** The scheduled triggers, called directly: the schedule itself is off in {@code %test}. */
@QuarkusTest
class EpgSchedulerTest {

    @Inject
    EpgScheduler scheduler;

    @Inject
    GuideStore store;

    @Inject
    EpgService epg;

    @Inject
    CatalogService catalog;

    @Test
    void startsSourcesWhoseIntervalHasElapsed() throws Exception {
        String tag = tag();
        long fresh = createSource(write(tag + ".xml", liveGuide(tag, Instant.now())));
        long disabled = create("/api/epg-sources", Map.of("url", "http://127.0.0.1:9/x", "enabled", false));

        assertThat(scheduler.dueSources(Instant.now())).contains(fresh).doesNotContain(disabled);
        // the import may finish before the call returns: wait on what was started, not on current()
        List<ImportRunner.Started> started = scheduler.startDueSources();
        for (ImportRunner.Started run : started) {
            run.done().get(30, TimeUnit.SECONDS);
        }

        asAdmin().get("/api/epg-sources/" + fresh + "/runs").then().statusCode(200)
                .body("[0].trigger", equalTo("schedule"))
                .body("[0].status", equalTo("success"));
        assertThat(scheduler.dueSources(Instant.now())).doesNotContain(fresh);
        assertThat(scheduler.dueSources(Instant.now().plus(Duration.ofMinutes(61)))).contains(fresh);
    }

    @Test
    void prunesProgrammesThatEndedBeforeTheRetention() {
        String tag = tag();
        long channel = createChannel("Prune " + tag, "live-" + tag);
        run(createSource(write(tag + ".xml", liveGuide(tag, Instant.now()))));
        var live = catalog.snapshot().channel(channel).orElseThrow();
        assertThat(epg.dataTable(live, ZoneId.of("UTC"), Duration.ZERO)).hasSize(6);

        // P0 ended 90 minutes ago, P1 30 minutes ago.
        assertThat(store.pruneEndedBefore(Instant.now().minus(Duration.ofHours(1)))).isPositive();

        assertThat(epg.dataTable(live, ZoneId.of("UTC"), Duration.ZERO)).hasSize(5);
        scheduler.prune();
    }
}
