package org.polyplex.platform.violation;

import org.polyplex.xtream.PlayerApiResource;

/** Deliberate violation (test tree only): the shared kernel reaching up into the Xtream adapter. */
public class PlatformUsesXtream {

    PlayerApiResource resource;
}
