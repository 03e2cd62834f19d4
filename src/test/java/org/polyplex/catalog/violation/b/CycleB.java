package org.polyplex.catalog.violation.b;

import org.polyplex.catalog.violation.a.CycleA;

/** Deliberate violation (test tree only): the other half of a package cycle. */
public class CycleB {

    CycleA other;
}
