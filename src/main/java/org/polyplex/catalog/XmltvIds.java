package org.polyplex.catalog;

import java.util.function.Function;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;

/**
 * The XMLTV channel id each live channel carries in every output: {@code tvg-id} of
 * {@code get.php}, {@code epg_channel_id} of {@code get_live_streams}, and {@code <channel id>}
 * of {@code xmltv.php}. Apps match a channel to its guide by it, so the three must agree. Which
 * id a channel gets depends on the imported guides, so the EPG feature implements this
 * ({@code epg.EpgService}); features that may not depend on the EPG (the playlist) inject it.
 */
public interface XmltvIds {

    /** The ids of this snapshot's channels: a channel's id, or null when it has no guide data. */
    Function<LiveChannel, String> of(CatalogSnapshot snapshot);
}
