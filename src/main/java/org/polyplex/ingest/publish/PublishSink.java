package org.polyplex.ingest.publish;

import io.vertx.core.buffer.Buffer;

/**
 * Takes the media of one publish, in order, on the publisher's connection event loop. Flow control
 * is the socket's, as with a Vert.x {@code WriteStream}: while {@link #writable()} is false the
 * server stops reading from the publisher, and it reads again when the drain handler runs. The sink
 * bounds what it holds itself.
 */
public interface PublishSink {

    /** RTMP message type ids a sink is handed. */
    int AUDIO = 8;
    int VIDEO = 9;
    int DATA = 18;

    /**
     * One whole RTMP media or data message: {@link #AUDIO}, {@link #VIDEO} (the FLV tag body, codec
     * byte first) or {@link #DATA} (AMF0 {@code onMetaData}, the {@code @setDataFrame} wrapper
     * removed). {@code timestamp} is in milliseconds since the publish started, made monotonic
     * across the protocol's 32-bit wrap. The body is only valid during the call: copy what you keep.
     */
    void message(int type, long timestamp, Buffer body);

    /** False while the sink holds as much as it may; the server pauses the publisher. */
    boolean writable();

    /** Runs once, on the publisher's event loop, when the sink is writable again. */
    void drainHandler(Runnable drained);

    /**
     * Handed once, on the publisher's event loop, before the first message: how the sink can end
     * the publish itself.
     */
    default void control(PublishControl control) {
    }

    /** The publish ended (unpublish, connection closed, timeout, protocol error, {@link PublishControl#end}); called once. */
    void closed(String reason);
}
