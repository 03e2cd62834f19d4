/**
 * Deliberate violations of the architecture rules, one per rule, living in the test tree only
 * (the real check imports main classes only). {@code ArchitectureRulesTest} proves each rule
 * catches its violation, so a rule that can no longer fail is noticed.
 */
package org.polyplex.architecture.violations;
