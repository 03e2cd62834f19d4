package org.polyplex.epg;

import java.util.HashMap;
import java.util.Map;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.store.GuideIndex;

/**
 * The XMLTV channel id of each catalog channel, the one id that {@code xmltv.php}
 * ({@code <channel id>}, {@code <programme channel>}), {@code get_live_streams}
 * ({@code epg_channel_id}) and {@code get.php} ({@code tvg-id}) all carry, since apps match the
 * guide to the channel by it.
 *
 * <p>
 * A channel with an epg id keeps it verbatim: it is the upstream guide's id, which players also
 * match against guides loaded from elsewhere. A channel without one that still has a guide
 * (matched by name) gets {@link #generated}, a stable DNS-like id as the XMLTV DTD recommends
 * (RFC 2838). A channel with neither has no id (null). Immutable; one value per catalog snapshot
 * and guide index, built in one pass.
 */
public final class GuideIds {

    /** Domain of the ids Polyplex makes up; no source's id is expected to end with it. */
    static final String DOMAIN = ".polyplex";

    final CatalogSnapshot catalog;
    final GuideIndex index;
    // channel id -> generated id, for the channels without an epg id that a guide matches by name
    private final Map<Long, String> byName = new HashMap<>();

    GuideIds(CatalogSnapshot catalog, GuideIndex index) {
        this.catalog = catalog;
        this.index = index;
        for (LiveChannel channel : catalog.channels()) {
            if (!hasEpgId(channel) && index.resolve(null, channel.name()).isPresent()) {
                byName.put(channel.id(), generated(channel.id()));
            }
        }
    }

    /** The channel's XMLTV id, or null when it has neither an epg id nor a guide. */
    public String of(LiveChannel channel) {
        return hasEpgId(channel) ? channel.epgId() : byName.get(channel.id());
    }

    /**
     * The id of a channel without an epg id: {@code ch<catalog id>.polyplex}. It depends on the
     * catalog id only, so it survives renames, imports and restarts.
     */
    public static String generated(long channelId) {
        return "ch" + channelId + DOMAIN;
    }

    static boolean hasEpgId(LiveChannel channel) {
        return channel.epgId() != null && !channel.epgId().isBlank();
    }
}
