package org.polyplex.ingest.rtmp.amf;

import java.util.Map;

/**
 * AMF0 values as Java sees them: {@code Double} (number), {@code Boolean}, {@code String} (string
 * and long string), {@code Map<String, Object>} in order (object), {@link EcmaArray}, {@code List}
 * (strict array), {@link Date}, {@code null} (null) and {@link #UNDEFINED}.
 */
public final class Amf0 {

    /** AMF0 undefined. */
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED_MARKER = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;

    private Amf0() {
    }

    /** An AMF0 ECMA array (an associative array, as in {@code onMetaData}). */
    public record EcmaArray(Map<String, Object> entries) {
    }

    /** An AMF0 date: milliseconds since the epoch and a time-zone offset the spec says to ignore. */
    public record Date(double millis, short timeZone) {
    }
}
