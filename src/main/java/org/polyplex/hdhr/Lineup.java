package org.polyplex.hdhr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
        return of(visible, urls, channel -> true);
    }

    /**
     * The part of the line's lineup that {@code keep} accepts (a bouquet's device), each channel
     * with the number it has on the line: numbers are given over every visible channel first, so
     * a channel is the same {@code GuideNumber} on the line's device, on its bouquet's and in
     * {@code get_live_streams}, and guide mappings made on one hold on the other.
     *
     * @param visible the channels the line may see, in the catalog's display order
     */
    static List<LineupEntry> of(List<CatalogSnapshot.LiveChannel> visible, StreamUrls urls,
            Predicate<CatalogSnapshot.LiveChannel> keep) {
        List<LineupEntry> entries = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        long position = 0;
        for (CatalogSnapshot.LiveChannel channel : visible) {
            position++;
            String number = Long.toString(channel.number() == null ? position : channel.number());
            int seen = used.merge(number, 1, Integer::sum);
            String guideNumber = seen == 1 ? number : number + "." + seen;
            if (!keep.test(channel)) {
                continue;
            }
            entries.add(new LineupEntry(guideNumber, channel.name(), urls.live(channel.id(), "ts")));
        }
        return entries;
    }
}
