package org.polyplex.stray;

/** Deliberate violation (test tree only): a class outside every feature. */
public class StrayClass {
}
