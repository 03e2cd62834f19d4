package org.polyplex.playlist;

/**
 * One playlist line pair as {@link M3uWriter} writes it: the {@code #EXTINF} attributes and the
 * stream URL. {@code tvgId}, {@code logo}, {@code group} and {@code number} may be null.
 */
public record PlaylistItem(String tvgId, String name, String logo, String group, Integer number, String url) {
}
