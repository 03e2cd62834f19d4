package org.polyplex.epg.store;

/** Where a channel's guide lives: one XMLTV channel id in the active generation of one source. */
public record GuideRef(long sourceId, long generation, String xmltvId) {
}
