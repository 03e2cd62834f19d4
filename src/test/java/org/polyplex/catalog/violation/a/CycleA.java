package org.polyplex.catalog.violation.a;

import org.polyplex.catalog.violation.b.CycleB;

/** Deliberate violation (test tree only): one half of a package cycle. */
public class CycleA {

    CycleB other;
}
