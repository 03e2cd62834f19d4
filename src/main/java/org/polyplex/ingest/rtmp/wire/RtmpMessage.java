package org.polyplex.ingest.rtmp.wire;

import io.vertx.core.buffer.Buffer;

/**
 * One reassembled RTMP message.
 *
 * @param chunkStreamId the chunk stream it arrived on
 * @param type the message type id (1 Set Chunk Size ... 8 audio, 9 video, 18 data, 20 command)
 * @param streamId the message stream id (0 for protocol control and NetConnection commands)
 * @param timestamp the protocol's 32-bit timestamp, unsigned, in milliseconds
 * @param body the payload
 */
public record RtmpMessage(int chunkStreamId, int type, long streamId, long timestamp, Buffer body) {

    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int AMF3_COMMAND = 17;
    public static final int AMF0_DATA = 18;
    public static final int AMF0_COMMAND = 20;
}
