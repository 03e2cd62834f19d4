package org.polyplex.playlist;

/**
 * One playlist line pair as {@link M3uWriter} writes it: the {@code #EXTINF} attributes and the
 * stream URL. {@code tvgId}, {@code logo}, {@code group} and {@code number} may be null;
 * {@code catchupDays} is 0 and {@code catchupSource} null for an entry without catch-up.
 */
public record PlaylistItem(String tvgId, String name, String logo, String group, Integer number, String url,
        int catchupDays, String catchupSource) {

    /** An entry without catch-up. */
    public PlaylistItem(String tvgId, String name, String logo, String group, Integer number, String url) {
        this(tvgId, name, logo, group, number, url, 0, null);
    }
}
