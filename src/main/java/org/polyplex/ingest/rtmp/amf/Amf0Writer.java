package org.polyplex.ingest.rtmp.amf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

/** Encodes the AMF0 values of {@link Amf0} (commands we answer, test clients). */
public final class Amf0Writer {

    private final Buffer out = Buffer.buffer(256);

    public Amf0Writer write(Object value) {
        if (value == null) {
            out.appendByte((byte) Amf0.NULL);
        } else if (value == Amf0.UNDEFINED) {
            out.appendByte((byte) Amf0.UNDEFINED_MARKER);
        } else if (value instanceof Number n) {
            out.appendByte((byte) Amf0.NUMBER).appendDouble(n.doubleValue());
        } else if (value instanceof Boolean b) {
            out.appendByte((byte) Amf0.BOOLEAN).appendByte((byte) (b ? 1 : 0));
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Amf0.EcmaArray a) {
            out.appendByte((byte) Amf0.ECMA_ARRAY).appendUnsignedInt(a.entries().size());
            properties(a.entries());
        } else if (value instanceof Map<?, ?> m) {
            out.appendByte((byte) Amf0.OBJECT);
            properties(m);
        } else if (value instanceof List<?> l) {
            out.appendByte((byte) Amf0.STRICT_ARRAY).appendUnsignedInt(l.size());
            l.forEach(this::write);
        } else if (value instanceof Amf0.Date d) {
            out.appendByte((byte) Amf0.DATE).appendDouble(d.millis()).appendShort(d.timeZone());
        } else {
            throw new IllegalArgumentException("not an AMF0 value: " + value.getClass().getName());
        }
        return this;
    }

    public Buffer toBuffer() {
        return out;
    }

    private void string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            out.appendByte((byte) Amf0.LONG_STRING).appendUnsignedInt(bytes.length);
        } else {
            out.appendByte((byte) Amf0.STRING).appendUnsignedShort(bytes.length);
        }
        out.appendBytes(bytes);
    }

    private void properties(Map<?, ?> map) {
        map.forEach((k, v) -> {
            byte[] key = k.toString().getBytes(StandardCharsets.UTF_8);
            out.appendUnsignedShort(key.length).appendBytes(key);
            write(v);
        });
        out.appendUnsignedShort(0).appendByte((byte) Amf0.OBJECT_END);
    }
}
