package org.polyplex.architecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes keep the dependency rules of {@link ArchitectureRules}. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.polyplex");
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(main);
    }

    @Test
    void shouldPointFeaturesOneWay() {
        ArchitectureRules.FEATURES_POINT_ONE_WAY.check(main);
    }

    @Test
    void shouldPutEveryClassInAFeature() {
        ArchitectureRules.EVERY_CLASS_IN_A_FEATURE.check(main);
    }

    @Test
    void shouldKeepTheDataPlaneOffTheDatabase() {
        ArchitectureRules.DATA_PLANE_HAS_NO_DATABASE.check(main);
    }

    @Test
    void shouldNeverWaitInTheDataPlane() {
        ArchitectureRules.DATA_PLANE_NEVER_WAITS.check(main);
    }

    @Test
    void shouldKeepPureCoresPure() {
        ArchitectureRules.PURE_CORES_STAY_PURE.check(main);
    }

    @Test
    void shouldNotUseHibernateInternals() {
        ArchitectureRules.NO_HIBERNATE_INTERNALS.check(main);
    }

    @Test
    void shouldLetOnlyTheCatalogWriteItsTables() {
        ArchitectureRules.CATALOG_WRITES_ITS_OWN_TABLES.check(main);
    }

    @Test
    void shouldKeepTheConsoleOnTheServices() {
        ArchitectureRules.CONSOLE_CALLS_SERVICES.check(main);
    }

    @Test
    void shouldLogOneWay() {
        ArchitectureRules.ONE_WAY_TO_LOG.check(main);
    }
}
