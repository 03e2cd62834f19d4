package org.polyplex.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.polyplex.catalog.violation.a.CycleA;
import org.polyplex.catalog.violation.b.CycleB;
import org.polyplex.console.violation.ConsoleQueries;
import org.polyplex.epg.xmltv.violation.XmltvWithCdi;
import org.polyplex.platform.violation.PlatformUsesXtream;
import org.polyplex.proxy.violation.ProxyBlocks;
import org.polyplex.scraping.violation.ScraperWritesChannels;
import org.polyplex.stray.StrayClass;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * Every architecture rule fails on its deliberate violation (the classes of the test tree's
 * {@code violation} packages), so none of them can pass by matching nothing.
 */
class ArchitectureRulesTest {

    @Test
    void shouldFailOnAPackageCycle() {
        assertViolated(ArchitectureRules.NO_PACKAGE_CYCLES, CycleA.class, CycleB.class);
    }

    @Test
    void shouldFailWhenPlatformReachesAFeature() {
        assertViolated(ArchitectureRules.FEATURES_POINT_ONE_WAY, PlatformUsesXtream.class);
    }

    @Test
    void shouldFailOnAClassOutsideEveryFeature() {
        assertViolated(ArchitectureRules.EVERY_CLASS_IN_A_FEATURE, StrayClass.class);
    }

    @Test
    void shouldFailWhenTheDataPlaneBlocks() {
        assertViolated(ArchitectureRules.DATA_PLANE_HAS_NO_DATABASE, ProxyBlocks.class);
        assertViolated(ArchitectureRules.DATA_PLANE_NEVER_WAITS, ProxyBlocks.class);
    }

    @Test
    void shouldFailWhenAPureCoreBecomesABean() {
        assertViolated(ArchitectureRules.PURE_CORES_STAY_PURE, XmltvWithCdi.class);
    }

    @Test
    void shouldFailWhenAnotherFeatureWritesTheCatalog() {
        assertViolated(ArchitectureRules.CATALOG_WRITES_ITS_OWN_TABLES, ScraperWritesChannels.class);
        assertViolated(ArchitectureRules.NO_HIBERNATE_INTERNALS, ScraperWritesChannels.class);
        assertViolated(ArchitectureRules.ONE_WAY_TO_LOG, ScraperWritesChannels.class);
    }

    @Test
    void shouldFailWhenTheConsoleQueriesItself() {
        assertViolated(ArchitectureRules.CONSOLE_CALLS_SERVICES, ConsoleQueries.class);
        assertViolated(ArchitectureRules.FEATURES_POINT_ONE_WAY, ConsoleQueries.class);
    }

    @Test
    void shouldPassOnTheSameRulesWhenTheViolationsAreLeftOut() {
        JavaClasses clean = new ClassFileImporter().importClasses(CycleA.class);
        assertThat(ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(clean).hasViolation()).isFalse();
    }

    private static void assertViolated(ArchRule rule, Class<?>... violations) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(violations));
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    }
}
