package org.polyplex.epg.store;

/**
 * Fired synchronously on the reloading thread when a new index has been read and before it is
 * published, so that caches can be filled for it while requests still use the previous one.
 */
public record GuideIndexLoaded(GuideIndex index) {
}
