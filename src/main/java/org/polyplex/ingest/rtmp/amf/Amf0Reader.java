package org.polyplex.ingest.rtmp.amf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.ingest.rtmp.wire.RtmpProtocolException;

import io.vertx.core.buffer.Buffer;

/**
 * Decodes AMF0 values from a message body. Bounded: containers nest at most {@link #MAX_DEPTH}
 * deep and hold at most {@link #MAX_ENTRIES} entries; every length is checked against the bytes
 * left. An unknown or unsupported type marker (references, XML, AMF3 switch, ...) or a truncated
 * value is a {@link RtmpProtocolException}.
 */
public final class Amf0Reader {

    /** Deepest nesting of objects and arrays. */
    public static final int MAX_DEPTH = 16;
    /** Most entries of one object or array. */
    public static final int MAX_ENTRIES = 4096;

    private final Buffer body;
    private int pos;

    public Amf0Reader(Buffer body, int offset) {
        this.body = body;
        this.pos = offset;
    }

    public boolean hasMore() {
        return pos < body.length();
    }

    /** Where the next value starts. */
    public int position() {
        return pos;
    }

    /** All values up to the end of the body. */
    public List<Object> readAll() {
        List<Object> values = new ArrayList<>();
        while (hasMore()) {
            if (values.size() >= MAX_ENTRIES) {
                throw new RtmpProtocolException("AMF0: too many values");
            }
            values.add(read());
        }
        return values;
    }

    public Object read() {
        return value(0);
    }

    private Object value(int depth) {
        int marker = u8();
        switch (marker) {
            case Amf0.NUMBER:
                need(8);
                double d = body.getDouble(pos);
                pos += 8;
                return d;
            case Amf0.BOOLEAN:
                return u8() != 0;
            case Amf0.STRING:
                return string(u16());
            case Amf0.LONG_STRING:
                need(4);
                long length = body.getUnsignedInt(pos);
                pos += 4;
                return string(length);
            case Amf0.OBJECT:
                return properties(depth + 1);
            case Amf0.ECMA_ARRAY:
                need(4);
                pos += 4; // the count is a hint; the entries end with the object end marker
                return new Amf0.EcmaArray(properties(depth + 1));
            case Amf0.STRICT_ARRAY:
                return strictArray(depth + 1);
            case Amf0.NULL:
                return null;
            case Amf0.UNDEFINED_MARKER:
                return Amf0.UNDEFINED;
            case Amf0.DATE:
                need(10);
                Amf0.Date date = new Amf0.Date(body.getDouble(pos), body.getShort(pos + 8));
                pos += 10;
                return date;
            default:
                throw new RtmpProtocolException("AMF0: unsupported type marker " + marker);
        }
    }

    private Map<String, Object> properties(int depth) {
        nest(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String key = string(u16());
            if (key.isEmpty() && pos < body.length() && body.getUnsignedByte(pos) == Amf0.OBJECT_END) {
                pos++;
                return map;
            }
            if (map.size() >= MAX_ENTRIES) {
                throw new RtmpProtocolException("AMF0: too many properties");
            }
            map.put(key, value(depth));
        }
    }

    private List<Object> strictArray(int depth) {
        nest(depth);
        need(4);
        long count = body.getUnsignedInt(pos);
        pos += 4;
        if (count > MAX_ENTRIES || count > body.length() - pos) {
            throw new RtmpProtocolException("AMF0: strict array of " + count + " entries");
        }
        List<Object> list = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            list.add(value(depth));
        }
        return list;
    }

    private static void nest(int depth) {
        if (depth > MAX_DEPTH) {
            throw new RtmpProtocolException("AMF0: nested deeper than " + MAX_DEPTH);
        }
    }

    private String string(long length) {
        need(length);
        String s = body.getString(pos, pos + (int) length, StandardCharsets.UTF_8.name());
        pos += (int) length;
        return s;
    }

    private int u8() {
        need(1);
        return body.getUnsignedByte(pos++);
    }

    private int u16() {
        need(2);
        int v = body.getUnsignedShort(pos);
        pos += 2;
        return v;
    }

    private void need(long n) {
        if (n > body.length() - pos) {
            throw new RtmpProtocolException("AMF0: value truncated");
        }
    }
}
