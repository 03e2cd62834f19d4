package org.polyplex.ingest.rtmp;

import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.wire.Handshake;

/** Where an RTMP connection is in its life; each state holds what only it needs. */
sealed interface ConnectionState {

    /** Reading C0/C1/C2. */
    record Handshaking(Handshake handshake) implements ConnectionState {
    }

    /** Handshake done; waiting for {@code connect}. */
    record Connecting() implements ConnectionState {
    }

    /** {@code connect} answered; waiting for {@code createStream} and {@code publish}. */
    record Connected(String app) implements ConnectionState {
    }

    /** {@code publish} received; reading is suspended until the gate answers. */
    record Gating(String app) implements ConnectionState {
    }

    /** The gate accepted: media goes to the sink. */
    record Publishing(String app, PublishSink sink) implements ConnectionState {
    }

    /** Closed, with the reason logged and counted. */
    record Closed(String reason) implements ConnectionState {
    }
}
