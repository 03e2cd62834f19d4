package org.polyplex.ingest.rtmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.polyplex.ingest.rtmp.amf.Amf0Writer;
import org.polyplex.ingest.rtmp.wire.ChunkWriter;
import org.polyplex.ingest.rtmp.wire.Handshake;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.buffer.Buffer;

/** A blocking RTMP client for tests that misbehave on purpose, byte by byte. */
final class RawRtmpClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    final ChunkWriter writer = new ChunkWriter();

    RawRtmpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(200);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    void send(Buffer bytes) throws IOException {
        out.write(bytes.getBytes());
        out.flush();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** C0+C1, read S0+S1+S2, C2 (the echo of S1). */
    void handshake() throws IOException {
        byte[] c0c1 = new byte[1 + Handshake.SIZE];
        c0c1[0] = 3;
        send(c0c1);
        byte[] reply = readExactly(1 + 2 * Handshake.SIZE, Duration.ofSeconds(5));
        send(Buffer.buffer(reply).getBytes(1, 1 + Handshake.SIZE));
    }

    void command(int csid, long streamId, String name, double transaction, Object... args) throws IOException {
        Amf0Writer amf = new Amf0Writer().write(name).write(transaction);
        for (Object arg : args) {
            amf.write(arg);
        }
        send(writer.write(csid, RtmpMessage.AMF0_COMMAND, streamId, 0, amf.toBuffer()));
    }

    void connect() throws IOException {
        command(3, 0, "connect", 1, Map.of("app", "live", "type", "nonprivate"));
    }

    /** createStream then publish of that name on stream 1. */
    void publish(String name) throws IOException {
        command(3, 0, "createStream", 2, (Object) null);
        command(4, 1, "publish", 3, null, name, "live");
    }

    void message(int csid, int type, long timestamp, Buffer body) throws IOException {
        send(writer.write(csid, type, 1, timestamp, body));
    }

    /** Reads until the server sent all these byte strings (Latin-1) or the time is up. */
    boolean receivedWithin(Duration timeout, String... needles) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[8192];
        while (!containsAll(needles) && System.nanoTime() < deadline) {
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                seen.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            } catch (IOException e) {
                break;
            }
        }
        return containsAll(needles);
    }

    private boolean containsAll(String... needles) {
        String text = seen();
        for (String needle : needles) {
            if (!text.contains(needle)) {
                return false;
            }
        }
        return true;
    }

    /** Reads until the server closes (true) or the time is up (false); keeps what it read. */
    boolean closedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                seen.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            } catch (IOException e) {
                return true; // reset: the server closed with our bytes unread
            }
        }
        return false;
    }

    /** What the server sent, as Latin-1, to look for AMF strings in it. */
    String seen() {
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readExactly(int length, Duration timeout) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read < length) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out after " + read + " bytes");
            }
            try {
                int n = in.read(bytes, read, length - read);
                if (n < 0) {
                    throw new IOException("closed after " + read + " bytes");
                }
                read += n;
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            }
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
