package org.polyplex.ingest.media.mux;

import java.util.Arrays;

/** A growable byte array the muxer appends to; {@link #take} hands the bytes over and starts afresh. */
final class Bytes {

    private byte[] array;
    private int length;

    Bytes(int capacity) {
        array = new byte[capacity];
    }

    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }

    void length(int length) {
        this.length = length;
    }

    /** Room for {@code more} bytes past the length. */
    void ensure(int more) {
        if (length + more > array.length) {
            array = Arrays.copyOf(array, Math.max(length + more, array.length * 2));
        }
    }

    void append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, array, length, len);
        length += len;
    }

    /** The bytes so far, as a new array; empties this. */
    byte[] take() {
        byte[] out = Arrays.copyOf(array, length);
        length = 0;
        return out;
    }
}
