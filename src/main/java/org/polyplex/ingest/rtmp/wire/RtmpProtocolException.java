package org.polyplex.ingest.rtmp.wire;

/**
 * A publisher broke the protocol or one of its bounds; the connection is closed cleanly with this
 * reason. The message never carries client data (no key, no tcUrl), only what was wrong.
 */
public final class RtmpProtocolException extends RuntimeException {

    public RtmpProtocolException(String message) {
        super(message, null, false, false);
    }
}
