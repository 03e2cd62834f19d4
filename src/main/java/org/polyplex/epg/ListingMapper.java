package org.polyplex.epg;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.xmltv.XmltvProgramme;

/** Turns stored programmes into {@link EpgListing}s. Pure. */
final class ListingMapper {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final Instant now;
    private final Duration archiveWindow;

    ListingMapper(ZoneId zone, Instant now, Duration archiveWindow) {
        this.zone = zone;
        this.now = now;
        this.archiveWindow = archiveWindow;
    }

    /**
     * {@code channel_id} is the channel's XMLTV id as {@code xmltv.php} and {@code epg_channel_id}
     * give it ({@link GuideIds}), not the id the source's guide used, which differs for a channel
     * matched by name or by an id in other letter case.
     */
    EpgListing map(LiveChannel channel, GuideEntry entry) {
        XmltvProgramme p = entry.programme();
        boolean playing = !p.start().isAfter(now) && p.stop().isAfter(now);
        boolean archived = !p.stop().isAfter(now) && !archiveWindow.isZero()
                && !p.start().isBefore(now.minus(archiveWindow));
        return new EpgListing(Long.toString(entry.id()), Long.toString(entry.sourceId()), base64(p.title()),
                p.titleLang() == null ? "" : p.titleLang(), LOCAL.format(p.start().atZone(zone)),
                LOCAL.format(p.stop().atZone(zone)), base64(p.description()), xmltvId(channel),
                Long.toString(p.start().getEpochSecond()), Long.toString(p.stop().getEpochSecond()),
                Long.toString(channel.id()), playing ? 1 : 0, archived ? 1 : 0);
    }

    private static String xmltvId(LiveChannel channel) {
        return GuideIds.hasEpgId(channel) ? channel.epgId() : GuideIds.generated(channel.id());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    }
}
