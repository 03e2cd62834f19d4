package org.polyplex.ingest.rtmp;

import java.util.List;
import java.util.Map;

import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.ConnectionState.Connected;
import org.polyplex.ingest.rtmp.ConnectionState.Connecting;
import org.polyplex.ingest.rtmp.ConnectionState.Publishing;
import org.polyplex.ingest.rtmp.amf.Amf0Reader;
import org.polyplex.ingest.rtmp.wire.ChunkReader;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;
import org.polyplex.ingest.rtmp.wire.RtmpProtocolException;

import io.vertx.core.buffer.Buffer;

/**
 * What a connection does with each whole message after the handshake: protocol control (chunk
 * size, abort, window, ping), the NetConnection and NetStream commands of a publisher, and the
 * media and metadata of the publish, which go to the sink.
 */
final class RtmpSession {

    private static final long MIN_WINDOW = 4096;

    private final RtmpConnection connection;
    private final ChunkReader reader;
    private final RtmpCommands commands = new RtmpCommands();
    private final MediaClock clock = new MediaClock();
    private long received;
    private long acknowledged;
    private long window = RtmpCommands.WINDOW;

    RtmpSession(RtmpConnection connection, ChunkReader reader) {
        this.connection = connection;
        this.reader = reader;
    }

    RtmpCommands commands() {
        return commands;
    }

    /** Counts bytes read after the handshake; sends an Acknowledgement at each window. */
    void counted(int bytes) {
        received += bytes;
        if (received - acknowledged >= window) {
            acknowledged = received;
            connection.write(commands.acknowledgement(received));
        }
    }

    void handle(RtmpMessage message) {
        Buffer body = message.body();
        switch (message.type()) {
            case RtmpMessage.SET_CHUNK_SIZE -> reader.chunkSize(body.getUnsignedInt(0));
            case RtmpMessage.ABORT -> reader.abort((int) body.getUnsignedInt(0));
            case RtmpMessage.WINDOW_ACK_SIZE -> window = Math.max(MIN_WINDOW, body.getUnsignedInt(0));
            case RtmpMessage.USER_CONTROL -> userControl(body);
            case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> media(message);
            case RtmpMessage.AMF0_DATA -> data(message);
            case RtmpMessage.AMF0_COMMAND -> command(new Amf0Reader(body, 0).readAll());
            case RtmpMessage.AMF3_COMMAND -> command(new Amf0Reader(body, 1).readAll());
            default -> {
                // Acknowledgement, Set Peer Bandwidth, AMF3 data, aggregates: nothing a publisher needs
            }
        }
    }

    private void userControl(Buffer body) {
        if (body.getUnsignedShort(0) == 6) {
            connection.write(commands.pong(body.getUnsignedInt(2)));
        }
    }

    private void media(RtmpMessage message) {
        if (!(connection.state() instanceof Publishing publishing)) {
            throw new RtmpProtocolException("media before publish");
        }
        if (message.body().length() > 0) {
            long timestamp = clock.next(message.type(), message.timestamp());
            connection.media(publishing.sink(), message.type(), timestamp, message.body());
        }
    }

    /** {@code @setDataFrame onMetaData ...} loses its wrapper; a bare {@code onMetaData} passes. */
    private void data(RtmpMessage message) {
        if (!(connection.state() instanceof Publishing publishing)) {
            return;
        }
        Buffer body = message.body();
        Amf0Reader amf = new Amf0Reader(body, 0);
        Object first = amf.read();
        if ("@setDataFrame".equals(first)) {
            body = body.getBuffer(amf.position(), body.length());
            amf = new Amf0Reader(body, 0);
            first = amf.read();
        }
        if (!"onMetaData".equals(first)) {
            return;
        }
        amf.readAll();
        connection.media(publishing.sink(), PublishSink.DATA, clock.next(PublishSink.DATA, message.timestamp()),
                body);
    }

    private void command(List<Object> values) {
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("command without a name");
        }
        double transaction = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        ConnectionState state = connection.state();
        if (state instanceof Connecting && !"connect".equals(name)) {
            throw new RtmpProtocolException("command before connect");
        }
        switch (name) {
            case "connect" -> {
                if (!(state instanceof Connecting)) {
                    throw new RtmpProtocolException("connect twice");
                }
                connection.state(new Connected(app(values.size() > 2 ? values.get(2) : null)));
                connection.write(commands.connected(transaction));
            }
            case "createStream" -> connection.write(commands.streamCreated(transaction));
            case "FCPublish" -> connection.write(commands.fcPublished());
            case "publish" -> {
                if (!(state instanceof Connected connected)) {
                    throw new RtmpProtocolException("publish outside a connection");
                }
                connection.publish(connected.app(), values.size() > 3 && values.get(3) instanceof String s ? s : "");
            }
            case "FCUnpublish", "deleteStream", "closeStream" -> connection.close("unpublished");
            case "play", "play2" -> throw new RtmpProtocolException("playing is not supported");
            default -> {
                // releaseStream, _checkbw, getStreamLength...: nothing to answer
            }
        }
    }

    /** The application name from {@code connect}'s object, without a query or trailing slash. */
    private static String app(Object properties) {
        Object app = properties instanceof Map<?, ?> map ? map.get("app") : null;
        String name = app instanceof String s ? s : "";
        int q = name.indexOf('?');
        name = q < 0 ? name : name.substring(0, q);
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
