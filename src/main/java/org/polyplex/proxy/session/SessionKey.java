package org.polyplex.proxy.session;

/**
 * What a session is the one session of: a channel as its sources send it ({@code profile} null),
 * or a channel through one output profile, whose session is fed by a transcoder that taps the
 * channel's own session. Each key has at most one session on a node.
 */
public record SessionKey(long channelId, String profile) {

    /** The channel's own session (passthrough). */
    public static SessionKey of(long channelId) {
        return new SessionKey(channelId, null);
    }

    /** The session of the channel through a profile. */
    public static SessionKey of(long channelId, String profile) {
        return new SessionKey(channelId, profile);
    }
}
