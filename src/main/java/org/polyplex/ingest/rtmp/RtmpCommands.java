package org.polyplex.ingest.rtmp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.polyplex.ingest.rtmp.amf.Amf0Writer;
import org.polyplex.ingest.rtmp.wire.ChunkWriter;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.buffer.Buffer;

/**
 * The bytes of the server's side of the conversation: protocol control messages and the AMF0
 * answers to {@code connect}, {@code FCPublish}, {@code createStream} and {@code publish}, already
 * chunked. One per connection (it carries the outgoing chunk size).
 */
final class RtmpCommands {

    /** Window and peer bandwidth we announce, as OBS's servers do. */
    static final long WINDOW = 2_500_000;
    /** Our outgoing chunk size after {@code connect}. */
    static final int CHUNK_SIZE = 4096;
    /** The only message stream a publisher gets. */
    static final long STREAM_ID = 1;

    private static final int CONTROL_CSID = 2;
    private static final int COMMAND_CSID = 3;
    private static final int STREAM_CSID = 5;
    private final ChunkWriter writer = new ChunkWriter();

    Buffer connected(double transaction) {
        Buffer out = control(RtmpMessage.WINDOW_ACK_SIZE, Buffer.buffer(4).appendUnsignedInt(WINDOW));
        out.appendBuffer(control(RtmpMessage.SET_PEER_BANDWIDTH, Buffer.buffer(5).appendUnsignedInt(WINDOW)
                .appendByte((byte) 2)));
        out.appendBuffer(control(RtmpMessage.SET_CHUNK_SIZE, Buffer.buffer(4).appendInt(CHUNK_SIZE)));
        writer.chunkSize(CHUNK_SIZE);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,0,1,123");
        properties.put("capabilities", 31.0);
        Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        return out.appendBuffer(command(COMMAND_CSID, 0, "_result", transaction, properties, info));
    }

    Buffer streamCreated(double transaction) {
        return command(COMMAND_CSID, 0, "_result", transaction, null, (double) STREAM_ID);
    }

    Buffer fcPublished() {
        return command(COMMAND_CSID, 0, "onFCPublish", 0.0, null,
                status("status", "NetStream.Publish.Start", "FCPublish accepted."));
    }

    /** Stream Begin, then {@code onStatus NetStream.Publish.Start}. */
    Buffer publishing() {
        Buffer out = control(RtmpMessage.USER_CONTROL, Buffer.buffer(6).appendShort((short) 0)
                .appendUnsignedInt(STREAM_ID));
        return out.appendBuffer(command(STREAM_CSID, STREAM_ID, "onStatus", 0.0, null,
                status("status", "NetStream.Publish.Start", "Publishing.")));
    }

    /** {@code onStatus} with an error code; the connection closes after it. */
    Buffer refused(String code, String description) {
        return command(STREAM_CSID, STREAM_ID, "onStatus", 0.0, null, status("error", code, description));
    }

    Buffer pong(long timestamp) {
        return control(RtmpMessage.USER_CONTROL, Buffer.buffer(6).appendShort((short) 7).appendUnsignedInt(timestamp));
    }

    Buffer acknowledgement(long received) {
        return control(RtmpMessage.ACKNOWLEDGEMENT, Buffer.buffer(4).appendUnsignedInt(received & 0xFFFFFFFFL));
    }

    private Buffer control(int type, Buffer body) {
        return writer.write(CONTROL_CSID, type, 0, 0, body);
    }

    private Buffer command(int csid, long streamId, String name, double transaction, Object... args) {
        Amf0Writer amf = new Amf0Writer().write(name).write(transaction);
        for (Object arg : args) {
            amf.write(arg);
        }
        return writer.write(csid, RtmpMessage.AMF0_COMMAND, streamId, 0, amf.toBuffer());
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }
}
