package org.polyplex.proxy.upstream.transcode;

import java.util.Optional;

import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;

/**
 * Opens a tap on a channel's own (passthrough) session, the transcoder's input. Given by the
 * feature that knows the channels and the registry (the profiles), so that this kind needs
 * neither. Thread-safe.
 */
public interface TapOpener {

    /** A tap on the channel's session, made and started if needed; empty when the channel is unknown here. */
    Optional<SessionTap> tap(long channelId, String purpose, TapSink sink);
}
