package org.polyplex.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.model.CategoryKind;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/**
 * The in-memory snapshots that the data plane and the Xtream endpoints read are current as soon
 * as an admin write returns: no polling, no database access on the read side.
 */
@QuarkusTest
class SnapshotRefreshTest {

    @Inject
    CatalogService catalog;

    @Inject
    AccountService accounts;

    @Test
    void channelChangesArePublishedWhenTheWriteReturns() {
        long versionBefore = catalog.snapshot().version();
        long id = create("/api/channels", Map.of("name", unique("Live"), "epgId", "live.example",
                "sources", List.of(Map.of("url", "http://a.example/1.ts"), Map.of("url", "http://b.example/1.ts"))));
        CatalogSnapshot snapshot = catalog.snapshot();
        assertThat(snapshot.version()).isGreaterThan(versionBefore);
        LiveChannel channel = snapshot.channel(id).orElseThrow();
        assertThat(channel.epgId()).isEqualTo("live.example");
        assertThat(channel.sources()).extracting(CatalogSnapshot.Source::url)
                .containsExactly("http://a.example/1.ts", "http://b.example/1.ts");

        asAdmin().body(Map.of("name", channel.name(), "enabled", false)).put("/api/channels/" + id).then().statusCode(200);
        assertThat(catalog.snapshot().channel(id)).isEmpty();

        asAdmin().body(Map.of("name", "Renamed", "sources", List.of(Map.of("url", "http://b.example/1.ts"))))
                .put("/api/channels/" + id).then().statusCode(200);
        assertThat(catalog.snapshot().channel(id)).get().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Renamed");
            assertThat(c.sources()).hasSize(1);
        });

        asAdmin().delete("/api/channels/" + id).then().statusCode(204);
        assertThat(catalog.snapshot().channel(id)).isEmpty();
    }

    @Test
    void aFailedWriteDoesNotChangeTheSnapshot() {
        CatalogSnapshot before = catalog.snapshot();
        asAdmin().body(Map.of("name", "Broken", "sources", List.of(Map.of("url", "ftp://x.example/a"))))
                .post("/api/channels").then().statusCode(400);
        assertThat(catalog.snapshot()).isSameAs(before);
    }

    @Test
    void bouquetsLimitWhatAUserSees() {
        long granted = create("/api/categories", Map.of("name", unique("Granted"), "kind", "live"));
        long hidden = create("/api/categories", Map.of("name", unique("Hidden"), "kind", "live"));
        long inGranted = create("/api/channels", Map.of("name", unique("A"), "categoryId", granted));
        long inHidden = create("/api/channels", Map.of("name", unique("B"), "categoryId", hidden));
        long single = create("/api/channels", Map.of("name", unique("C"), "categoryId", hidden));
        long bouquet = create("/api/bouquets", Map.of("name", unique("Basic"), "categoryIds", List.of(granted),
                "channelIds", List.of(single)));
        String name = unique("viewer");
        create("/api/users", Map.of("username", name, "password", "pass-1234", "bouquetIds", List.of(bouquet)));

        Account account = accounts.authenticate(name, "pass-1234").orElseThrow();
        assertThat(account.bouquetIds()).containsExactly(bouquet);
        CatalogSnapshot snapshot = catalog.snapshot();
        CatalogSnapshot.Access access = snapshot.access(account.bouquetIds());
        assertThat(access.canSee(snapshot.channel(inGranted).orElseThrow())).isTrue();
        assertThat(access.canSee(snapshot.channel(single).orElseThrow())).isTrue();
        assertThat(access.canSee(snapshot.channel(inHidden).orElseThrow())).isFalse();
        // the hidden category is listed because one of its channels is granted
        assertThat(snapshot.categories(CategoryKind.LIVE))
                .filteredOn(access::canSee).extracting(CatalogSnapshot.Category::id).contains(granted, hidden);
        assertThat(snapshot.access(Set.of()).canSee(snapshot.channel(inHidden).orElseThrow())).isTrue();
    }

    @Test
    void accountChangesArePublishedWhenTheWriteReturns() {
        String name = unique("line");
        long id = create("/api/users", Map.of("username", name, "password", "pass-1234", "maxConnections", 2));
        assertThat(accounts.snapshot().byUsername(name)).get().extracting(Account::maxConnections).isEqualTo(2);
        assertThat(accounts.authenticate(name, "pass-1234")).isPresent();
        assertThat(accounts.authenticate(name, "wrong-pass")).isEmpty();
        asAdmin().body(Map.of("username", name, "enabled", false, "maxConnections", 4)).put("/api/users/" + id)
                .then().statusCode(200);
        Account updated = accounts.snapshot().byUsername(name).orElseThrow();
        assertThat(updated.maxConnections()).isEqualTo(4);
        assertThat(updated.status(Instant.now())).isEqualTo(Account.Status.DISABLED);
        asAdmin().delete("/api/users/" + id).then().statusCode(204);
        assertThat(accounts.snapshot().byUsername(name)).isEmpty();
    }
}
