package org.polyplex.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import io.quarkus.runtime.ShutdownEvent;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The dependency rules of {@code STYLE.md} and {@code docs/architecture.md}, as ArchUnit rules.
 * {@link ArchitectureTest} checks them against the main classes; {@link ArchitectureRulesTest}
 * proves each one fails on a deliberate violation.
 */
final class ArchitectureRules {

    private static final Set<String> WRITES = Set.of("persist", "persistAndFlush", "delete", "deleteAll", "deleteById",
            "update", "flush", "merge", "remove");

    private static final Set<String> PANACHE = Set.of("find", "findAll", "findById", "findByIdOptional", "list",
            "listAll", "stream", "streamAll", "count", "persist", "persistAndFlush", "delete", "deleteAll",
            "deleteById", "update", "flush", "getEntityManager", "getSession");

    /**
     * The packages whose code runs on the event loop with the bytes: the proxy, ingest's protocol
     * side, the restream's fan-out (its session tap and destination queues) and the camera reader.
     */
    private static final String[] DATA_PLANE = { "org.polyplex.proxy..", "org.polyplex.ingest.publish..",
            "org.polyplex.ingest.link..", "org.polyplex.ingest.rtmp..", "org.polyplex.restream.run..",
            "org.polyplex.camera.link.." };

    private ArchitectureRules() {
    }

    /** No package depends on itself through others: every pair of packages has one direction. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.polyplex.(**)").namingSlices("$1")
            .should().beFreeOfCycles();

    /**
     * Features point one way: platform is used by all and uses none; accounts and catalog use only
     * platform; epg, playlist, scraping use the catalog; the data plane (proxy) uses accounts and
     * catalog snapshots; the archive (recording, catch-up) uses the proxy's sessions, the catalog and
     * the guide; ingest (RTMP publishing, streams, their packagers) feeds the proxy as one more kind
     * of upstream and uses accounts and the catalog; cameras (RTSP sources, their health and
     * snapshots) likewise; restream (channels out to RTMP destinations) taps the proxy's sessions and
     * uses accounts and the catalog; xtream, the adapter, may use all of them and nothing uses it; hdhr, the
     * tuner emulation, uses accounts and catalog and nothing uses it; the console
     * uses the features' services (never xtream) and nothing uses it.
     */
    static final ArchRule FEATURES_POINT_ONE_WAY = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("platform").definedBy("org.polyplex.platform..")
            .layer("accounts").definedBy("org.polyplex.accounts..")
            .layer("catalog").definedBy("org.polyplex.catalog..")
            .layer("epg").definedBy("org.polyplex.epg..")
            .layer("playlist").definedBy("org.polyplex.playlist..")
            .layer("scraping").definedBy("org.polyplex.scraping..")
            .layer("proxy").definedBy("org.polyplex.proxy..")
            .layer("archive").definedBy("org.polyplex.archive..")
            .layer("ingest").definedBy("org.polyplex.ingest..")
            .layer("restream").definedBy("org.polyplex.restream..")
            .layer("camera").definedBy("org.polyplex.camera..")
            .layer("xtream").definedBy("org.polyplex.xtream..")
            .layer("hdhr").definedBy("org.polyplex.hdhr..")
            .layer("console").definedBy("org.polyplex.console..")
            .whereLayer("platform").mayNotAccessAnyLayer()
            .whereLayer("accounts").mayOnlyAccessLayers("platform")
            .whereLayer("catalog").mayOnlyAccessLayers("platform")
            .whereLayer("epg").mayOnlyAccessLayers("platform", "catalog")
            .whereLayer("playlist").mayOnlyAccessLayers("platform", "accounts", "catalog")
            .whereLayer("scraping").mayOnlyAccessLayers("platform", "catalog", "epg", "playlist")
            .whereLayer("proxy").mayOnlyAccessLayers("platform", "accounts", "catalog")
            .whereLayer("archive").mayOnlyAccessLayers("platform", "accounts", "catalog", "epg", "proxy")
            .whereLayer("ingest").mayOnlyAccessLayers("platform", "accounts", "catalog", "proxy")
            .whereLayer("restream").mayOnlyAccessLayers("platform", "accounts", "catalog", "proxy")
            .whereLayer("camera").mayOnlyAccessLayers("platform", "accounts", "catalog", "proxy")
            .whereLayer("xtream").mayOnlyAccessLayers("platform", "accounts", "catalog", "epg", "playlist", "proxy",
                    "archive")
            .whereLayer("xtream").mayNotBeAccessedByAnyLayer()
            .whereLayer("hdhr").mayOnlyAccessLayers("platform", "accounts", "catalog")
            .whereLayer("hdhr").mayNotBeAccessedByAnyLayer()
            .whereLayer("console").mayOnlyAccessLayers("platform", "accounts", "catalog", "epg", "scraping", "proxy",
                    "archive", "ingest", "restream", "camera")
            .whereLayer("console").mayNotBeAccessedByAnyLayer();

    /** Every class lives in a feature: a new top-level package is a decision, not an accident. */
    static final ArchRule EVERY_CLASS_IN_A_FEATURE = noClasses().should().resideOutsideOfPackages(
            "org.polyplex.platform..", "org.polyplex.accounts..", "org.polyplex.catalog..", "org.polyplex.epg..",
            "org.polyplex.playlist..", "org.polyplex.scraping..", "org.polyplex.proxy..", "org.polyplex.xtream..",
            "org.polyplex.hdhr..", "org.polyplex.console..", "org.polyplex.archive..", "org.polyplex.ingest..",
            "org.polyplex.restream..", "org.polyplex.camera..");

    /** The data plane never blocks and never reaches the database: snapshots only. */
    static final ArchRule DATA_PLANE_HAS_NO_DATABASE = noClasses().that().resideInAnyPackage(DATA_PLANE)
            .should().dependOnClassesThat(resideInAnyPackage("jakarta.persistence..", "jakarta.transaction..",
                    "org.hibernate..", "io.quarkus.hibernate..", "io.quarkus.narayana..", "java.sql..", "javax.sql..",
                    "io.agroal..", "org.jsoup..").and(not(resideInAPackage("org.hibernate.validator.."))))
            .because("the event loop must never block (STYLE.md, hot path rule 2)");

    /** Nor does it sleep or wait. */
    static final ArchRule DATA_PLANE_NEVER_WAITS = noClasses().that().resideInAnyPackage(DATA_PLANE)
            .should().callMethodWhere(describe("Thread.sleep, Object.wait, Future.get/join or Process.waitFor",
                    (JavaCall<?> call) -> blocking(call)))
            .because("the event loop must never block (STYLE.md, hot path rule 2)");

    /** Pure cores: the XMLTV and M3U readers and writers, the TS and HLS codecs know no CDI, no database. */
    static final ArchRule PURE_CORES_STAY_PURE = noClasses()
            .that().resideInAnyPackage("org.polyplex.epg.xmltv..", "org.polyplex.proxy.ts..", "org.polyplex.proxy.hls..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..",
                    "jakarta.persistence..", "jakarta.ws.rs..", "io.quarkus..", "org.hibernate..", "java.sql..")
            .because("parsers and writers are plain classes tested with plain JUnit (STYLE.md, principle 5)");

    /** Bulk writes go through the owner's entry point, never through Hibernate's internals. */
    static final ArchRule NO_HIBERNATE_INTERNALS = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.hibernate.engine..", "org.hibernate.internal..", "org.hibernate.resource..",
            "org.hibernate.persister..", "org.hibernate.sql..");

    /**
     * Catalog entities are written by the catalog only (admin CRUD and the one import entry point):
     * others call the catalog's services (whose {@code update} and {@code delete} are fine), never
     * an entity's own write.
     */
    static final ArchRule CATALOG_WRITES_ITS_OWN_TABLES = noClasses()
            .that().resideOutsideOfPackage("org.polyplex.catalog..")
            .should().callMethodWhere(describe("a write of a catalog entity (persist, delete, update, flush)",
                    (JavaCall<?> call) -> call.getTargetOwner().getPackageName().startsWith("org.polyplex.catalog")
                            && call.getTargetOwner().isAnnotatedWith("jakarta.persistence.Entity")
                            && WRITES.contains(call.getName())))
            .because("one answer to 'who writes channels?': the catalog");

    /**
     * The console is a shell over the features' services, as the {@code /api} resources are: it
     * runs no query of its own (no JPA, JDBC or Hibernate, no Panache finder or write on an entity).
     */
    static final ArchRule CONSOLE_CALLS_SERVICES = noClasses().that().resideInAPackage("org.polyplex.console..")
            .should().dependOnClassesThat(resideInAnyPackage("jakarta.persistence..", "jakarta.transaction..",
                    "org.hibernate..", "io.quarkus.hibernate..", "io.quarkus.panache..", "java.sql..", "javax.sql..",
                    "io.agroal..").and(not(resideInAPackage("org.hibernate.validator.."))))
            .orShould().callMethodWhere(describe("a Panache query or write on an entity",
                    (JavaCall<?> call) -> call.getTargetOwner().isAnnotatedWith("jakarta.persistence.Entity")
                            && PANACHE.contains(call.getName())))
            .because("one place per table answers what is read and written: the owner's service");

    /** Logs go through {@code io.quarkus.logging.Log}; the redacting filter is the one JUL user. */
    static final ArchRule ONE_WAY_TO_LOG = noClasses().that().doNotHaveSimpleName("RedactingLogFilter")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "org.apache.logging..")
            .orShould(GeneralCodingRules.ACCESS_STANDARD_STREAMS);

    static final List<ArchRule> ALL = List.of(NO_PACKAGE_CYCLES, FEATURES_POINT_ONE_WAY, EVERY_CLASS_IN_A_FEATURE,
            DATA_PLANE_HAS_NO_DATABASE, DATA_PLANE_NEVER_WAITS, PURE_CORES_STAY_PURE, NO_HIBERNATE_INTERNALS,
            CATALOG_WRITES_ITS_OWN_TABLES, CONSOLE_CALLS_SERVICES, ONE_WAY_TO_LOG);

    private static boolean blocking(JavaCall<?> call) {
        if (call.getOrigin().isAnnotatedWith(PreDestroy.class)
                || call.getOrigin().getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(ShutdownEvent.class))) {
            return false; // shutdown runs on Quarkus' main thread and may wait there, with a deadline
        }
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return owner.equals("java.lang.Thread") && name.equals("sleep")
                || owner.equals("java.lang.Object") && name.equals("wait")
                || owner.equals("java.lang.Process") && name.equals("waitFor")
                || (owner.equals("java.util.concurrent.Future") || owner.equals("java.util.concurrent.CompletableFuture"))
                        && (name.equals("get") || name.equals("join"));
    }
}
