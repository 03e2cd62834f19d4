package org.polyplex.restream.overlay;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.ChannelService;
import org.polyplex.platform.web.ApiException;
import org.polyplex.restream.config.RestreamConfig;
import org.polyplex.restream.model.Asset;
import org.polyplex.restream.model.Overlay;
import org.polyplex.restream.model.Restream;

/**
 * The stored overlays and template values of restreams (docs/restream.md, "Overlays"). Changes
 * here are only stored; the caller then asks {@code RestreamService.refreshOverlays} to put them
 * on air once the transaction is committed. Blocking: worker threads.
 */
@ApplicationScoped
public class OverlayService {

    static final String NO_COPY = "copy profile: the video is not re-encoded, nothing can be drawn on it";

    private final RestreamConfig.Overlay config;
    private final OverlayLive live;
    private final ChannelService channels;
    private final Clock clock;

    OverlayService(RestreamConfig config, OverlayLive live, ChannelService channels, Clock clock) {
        this.config = config.overlay();
        this.live = live;
        this.channels = channels;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OverlayView> list(long restreamId) {
        Restream r = Restream.require(restreamId);
        return Overlay.of(restreamId).stream().map(o -> view(r, o)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OverlayView get(long restreamId, long id) {
        Restream r = Restream.require(restreamId);
        return view(r, Overlay.require(restreamId, id));
    }

    @Transactional
    public OverlayView create(long restreamId, OverlayInput in) {
        Restream r = Restream.require(restreamId);
        if (Overlay.count("restreamId", restreamId) >= config.maxPerRestream()) {
            throw ApiException.conflict("id", "a restream has at most " + config.maxPerRestream()
                    + " overlays (polyplex.restream.overlay.max-per-restream)");
        }
        String type = in.type() == null ? "text" : in.type();
        Overlay o = new Overlay();
        o.restreamId = restreamId;
        o.type = type;
        o.opacity = 1;
        o.fontSize = 36;
        o.color = "#ffffff";
        apply(o, in);
        if ("text".equals(type) && o.text == null) {
            throw ApiException.invalid("text", "a text overlay needs a text");
        }
        if ("image".equals(type) && o.assetId == null) {
            throw ApiException.invalid("assetId", "an image overlay needs an asset (POST /api/assets)");
        }
        o.createdAt = clock.instant();
        o.updatedAt = o.createdAt;
        o.persist();
        return view(r, o);
    }

    @Transactional
    public OverlayView update(long restreamId, long id, OverlayInput in) {
        Restream r = Restream.require(restreamId);
        Overlay o = Overlay.require(restreamId, id);
        if (in.type() != null && !in.type().equals(o.type)) {
            throw ApiException.invalid("type", "the type of an overlay cannot change");
        }
        apply(o, in);
        o.updatedAt = clock.instant();
        return view(r, o);
    }

    @Transactional
    public void delete(long restreamId, long id) {
        Restream.require(restreamId);
        Overlay.require(restreamId, id).delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> values(long restreamId) {
        return new HashMap<>(Restream.require(restreamId).overlayValues);
    }

    /** Replaces the named values the templates use. */
    @Transactional
    public Map<String, String> replaceValues(long restreamId, Map<String, String> values) {
        Restream r = Restream.require(restreamId);
        if (values.size() > config.maxValues()) {
            throw ApiException.invalid("values", "at most " + config.maxValues()
                    + " values (polyplex.restream.overlay.max-values)");
        }
        values.forEach((name, value) -> {
            if (name == null || !OverlayTemplate.NAME.matcher(name).matches()
                    || List.of("time", "date", "channel").contains(name)) {
                throw ApiException.invalid("values", "a value name is lower-case letters, digits and _ (up to 32, "
                        + "starting with a letter), and not time, date or channel");
            }
            if (value == null || value.length() > config.maxTextLength()) {
                throw ApiException.invalid("values", "value " + name + " must be a text of at most "
                        + config.maxTextLength() + " characters");
            }
        });
        r.overlayValues.clear();
        r.overlayValues.putAll(values);
        r.updatedAt = clock.instant();
        return new HashMap<>(r.overlayValues);
    }

    private void apply(Overlay o, OverlayInput in) {
        if (!"text".equals(o.type) && !"image".equals(o.type)) {
            throw ApiException.invalid("type", "must be text or image");
        }
        if ("image".equals(o.type)) {
            image(o, in);
        } else if (in.text() != null) {
            if (in.text().length() > config.maxTextLength()) {
                throw ApiException.invalid("text", "at most " + config.maxTextLength()
                        + " characters (polyplex.restream.overlay.max-text-length)");
            }
            o.text = in.text();
        }
        if ("text".equals(o.type) && (in.assetId() != null || in.scale() != null)) {
            throw ApiException.invalid(in.assetId() != null ? "assetId" : "scale", "only image overlays have it");
        }
        o.x = in.x() != null ? in.x() : o.x;
        o.y = in.y() != null ? in.y() : o.y;
        o.opacity = in.opacity() != null ? in.opacity() : o.opacity;
        o.fontSize = in.fontSize() != null ? in.fontSize() : o.fontSize;
        o.color = in.color() != null ? in.color().toLowerCase() : o.color;
        if (in.boxColor() != null) {
            o.boxColor = in.boxColor().isEmpty() ? null : in.boxColor().toLowerCase();
        }
        o.fadeInSeconds = in.fadeInSeconds() != null ? in.fadeInSeconds() : o.fadeInSeconds;
        o.fadeOutSeconds = in.fadeOutSeconds() != null ? in.fadeOutSeconds() : o.fadeOutSeconds;
        o.durationSeconds = in.durationSeconds() != null ? in.durationSeconds() : o.durationSeconds;
    }

    /** The image fields: an existing asset (422 otherwise), a scale; no text or font. */
    private static void image(Overlay o, OverlayInput in) {
        if (in.text() != null || in.fontSize() != null || in.color() != null || in.boxColor() != null) {
            throw ApiException.invalid("type", "an image overlay has assetId, x, y, opacity, scale and fades only "
                    + "(text and fonts are for text overlays)");
        }
        if (in.assetId() != null) {
            if (Asset.findByIdOptional(in.assetId()).isEmpty()) {
                throw new ApiException(422, "unprocessable", "asset " + in.assetId() + " does not exist", "assetId");
            }
            o.assetId = in.assetId();
        }
        o.scale = in.scale() != null ? in.scale() : o.scale;
    }

    private OverlayView view(Restream r, Overlay o) {
        List<OverlayView.Applied> on = r.targets.stream().map(t -> new OverlayView.Applied(t.destinationId,
                t.profile.wire(), t.profile.encodes(), t.profile.encodes() ? null : NO_COPY)).toList();
        String channel = channels.byIds(List.of(r.channelId)).stream().map(c -> c.name).findFirst().orElse("");
        return new OverlayView(o.id, o.type, o.text, live.preview(o.text, channel, r.overlayValues), o.assetId, o.x,
                o.y, o.opacity, o.scale, o.fontSize, o.color, o.boxColor, o.fadeInSeconds, o.fadeOutSeconds, o.durationSeconds,
                on);
    }
}
