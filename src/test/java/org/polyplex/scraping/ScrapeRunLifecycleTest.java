package org.polyplex.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.polyplex.catalog.model.Channel;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How runs end: interrupted runs at start-up, and runs whose documents are too big to hold. */
@QuarkusTest
class ScrapeRunLifecycleTest {

    private static StubHttp stub;

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void shouldFailTheRunAndKeepTheChannelsWhenReadingTheSourceRunsOutOfMemory() {
        stub.serve("/oom.json", "application/json",
                "[{\"name\":\"Kept\",\"id\":\"7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b\"}]");
        long id = sources.create(new ScraperSourceInput(stub.url("/oom.json"), SourceType.JSON, true, 60, null, 0, null, null,
                null)).id;
        assertThat(runner.run(id).status).isEqualTo(ScrapeRun.Status.SUCCESS);

        ScrapeRun failed = runner.run(id, source -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(failed.status).isEqualTo(ScrapeRun.Status.FAILED);
        assertThat(failed.finishedAt).isNotNull();
        assertThat(failed.error).startsWith("out of memory while reading the source");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Channel.count("scrapeKey = ?1 and enabled = true",
                "ace:7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b"))).isEqualTo(1);
        assertThat(runner.run(id, source -> {
            throw new StackOverflowError();
        }).error).isEqualTo("unexpected error (StackOverflowError); see the server log");
        assertThat(runner.run(id, source -> {
            throw new PersistenceException("could not execute batch",
                    new SQLException("Unique index or primary key violation: PK_CHANNELS ON PUBLIC.CHANNELS", "23505"));
        }).error).isEqualTo("the catalog could not be updated (database error; details in the server log)");
        assertThat(runner.run(id).status).isEqualTo(ScrapeRun.Status.SUCCESS);
    }

    @Test
    void shouldFailCleanlyAndKeepTheChannelsWhenAnHtmlPageIsOverTheHtmlCap() {
        stub.serve("/big.html", "text/html",
                "<html><body><a href=\"acestream://6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c\">Kept</a>");
        long id = sources.create(new ScraperSourceInput(stub.url("/big.html"), SourceType.AUTO, true, 60, null, 0, null, null,
                null)).id;
        assertThat(runner.run(id).status).isEqualTo(ScrapeRun.Status.SUCCESS);
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; html.length() < 3 * 1024 * 1024; i++) {
            html.append("<a href=\"acestream://").append(String.format("%040x", i)).append("\">Channel ").append(i)
                    .append("</a>\n");
        }
        stub.serve("/big.html", "text/html", html.toString());

        ScrapeRun run = runner.run(id);

        assertThat(run.status).isEqualTo(ScrapeRun.Status.FAILED);
        assertThat(run.error).isEqualTo("HTML page is larger than 2097152 bytes (polyplex.scraping.fetch.max-html-size)");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Channel.count("scrapeKey = ?1 and enabled = true",
                "ace:6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c"))).isEqualTo(1);
    }

    @Test
    void shouldStoreRunMessagesWithoutCredentialsOrControlBytesWhenEntriesAreInvalid() {
        stub.serve("/leaky.json", "application/json", """
                [{"name":"Good","id":"9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a"},
                 {"name":"Userinfo","url":"http://alice:secret@a.example/x y"},
                 {"name":"Path","url":"http://a.example/live/alice/secret/1.ts y"},
                 {"name":"Query","url":"http://a.example/get.php?username=alice&password=secret y"},
                 {"name":"Esc","url":"http://a.example/\\u001b[2J\\u0000"}]
                """);
        long id = sources.create(new ScraperSourceInput(stub.url("/leaky.json"), SourceType.JSON, true, 60, null, 0, null, null,
                null)).id;

        ScrapeRun run = runner.run(id);

        assertThat(run.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(run.skipped).isEqualTo(4);
        assertThat(run.error).doesNotContain("alice", "secret", "\u001b", "\u0000").contains("\\x1b");
    }

    @Test
    void shouldMarkRunsFailedWhenTheyWereLeftRunningByAPreviousProcess() {
        long sourceId = sources.create(new ScraperSourceInput(stub.url("/never.m3u"), SourceType.M3U, true, 60, null, 0, null,
                null, null)).id;
        long runId = QuarkusTransaction.requiringNew().call(() -> {
            ScrapeRun run = new ScrapeRun();
            run.sourceId = sourceId;
            run.startedAt = Instant.parse("2026-01-01T00:00:00Z");
            run.status = ScrapeRun.Status.RUNNING;
            run.persist();
            return run.id;
        });

        int marked = runner.failInterrupted();

        ScrapeRun after = QuarkusTransaction.requiringNew().call(() -> ScrapeRun.<ScrapeRun> findById(runId));
        assertThat(marked).isGreaterThanOrEqualTo(1);
        assertThat(after.status).isEqualTo(ScrapeRun.Status.FAILED);
        assertThat(after.error).isEqualTo("interrupted: the server stopped during the run");
        assertThat(after.finishedAt).isNotNull();
    }
}
