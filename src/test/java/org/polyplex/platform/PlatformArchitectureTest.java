package org.polyplex.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The platform is the shared kernel every feature may use: it uses no feature, and its
 * sub-packages (web, persistence, logging, http, fetch, load) do not depend on one another in a
 * circle.
 */
class PlatformArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.polyplex");

    @Test
    void platformUsesNoFeature() {
        noClasses().that().resideInAPackage("org.polyplex.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.polyplex.accounts..", "org.polyplex.catalog..",
                        "org.polyplex.epg..", "org.polyplex.playlist..", "org.polyplex.proxy..", "org.polyplex.scraping..",
                        "org.polyplex.xtream..")
                .check(MAIN);
    }

    @Test
    void platformPackagesHaveNoCycles() {
        slices().matching("org.polyplex.platform.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
