package org.polyplex.hdhr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.platform.http.StreamUrls;

/**
 * The channels a line may see, in catalog order, numbered as the Xtream outputs number them
 * ({@code get_live_streams}' {@code num}, M3U's {@code tvg-chno}): the channel's number, or else
 * its position among the visible channels. Tuner clients key channels by number, so a number
 * already given keeps its first channel and the later ones become {@code N.2}, {@code N.3}, the
 * way HDHomeRun devices number sub-channels. Pure.
 */
final class Lineup {

    private Lineup() {
    }

    /** @param visible the channels the line may see, in the catalog's display order */
    static List<LineupEntry> of(List<CatalogSnapshot.LiveChannel> visible, StreamUrls urls) {
        List<LineupEntry> entries = new ArrayList<>(visible.size());
        Map<String, Integer> used = new HashMap<>();
        long position = 0;
        for (CatalogSnapshot.LiveChannel channel : visible) {
            position++;
            String number = Long.toString(channel.number() == null ? position : channel.number());
            int seen = used.merge(number, 1, Integer::sum);
            String guideNumber = seen == 1 ? number : number + "." + seen;
            entries.add(new LineupEntry(guideNumber, channel.name(), urls.live(channel.id(), "ts")));
        }
        return entries;
    }
}
