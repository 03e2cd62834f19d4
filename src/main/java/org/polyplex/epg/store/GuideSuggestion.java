package org.polyplex.epg.store;

/**
 * A guide that may belong to a channel: the XMLTV channel id to set as the channel's epg id, the
 * display name that came close, and how close (100: the same name once decorations are dropped).
 */
public record GuideSuggestion(long sourceId, String xmltvId, String displayName, int score) {
}
