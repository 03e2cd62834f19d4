package org.polyplex.ingest.stats;

import java.util.ArrayList;
import java.util.List;

/** A bounded ring of samples, oldest first; past its capacity the oldest is overwritten. Thread-safe. */
final class SampleRing<T> {

    private final Object[] items;
    private int next;
    private int size;

    SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        items = new Object[capacity];
    }

    synchronized void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    /** The newest item, or null when empty. */
    @SuppressWarnings("unchecked")
    synchronized T last() {
        return size == 0 ? null : (T) items[(next - 1 + items.length) % items.length];
    }

    /** A copy, oldest first. */
    @SuppressWarnings("unchecked")
    synchronized List<T> list() {
        List<T> out = new ArrayList<>(size);
        int start = (next - size + items.length) % items.length;
        for (int i = 0; i < size; i++) {
            out.add((T) items[(start + i) % items.length]);
        }
        return out;
    }

    int capacity() {
        return items.length;
    }
}
