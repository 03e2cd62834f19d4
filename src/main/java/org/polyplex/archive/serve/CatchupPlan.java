package org.polyplex.archive.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of one catch-up answer as pieces of archive files, oldest first: the body starts with
 * PAT, PMT and a keyframe ({@link CatchupWindow}) and every file boundary is a clean splice,
 * because every archive file starts with them. {@link #range} cuts one byte range of the
 * concatenation for a {@code Range} request. Pure.
 */
final class CatchupPlan {

    /** {@code length} bytes of {@code path} from {@code offset}. */
    record Piece(Path path, long offset, long length) {
    }

    /** What a {@code Range} header asks for: the whole body, a part, or nothing it can have. */
    sealed interface Ranged {
    }

    /** No usable {@code Range} header: 200 with all of it. */
    record Whole() implements Ranged {
    }

    /** Bytes {@code first} to {@code last} (inclusive): 206 with {@code Content-Range}. */
    record Part(long first, long last) implements Ranged {
        long length() {
            return last - first + 1;
        }
    }

    /** Starts at or past the end: 416 with {@code Content-Range: bytes * /total}. */
    record Unsatisfiable() implements Ranged {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private final List<Piece> parts;
    private final long total;

    CatchupPlan(List<Piece> parts) {
        this.parts = List.copyOf(parts);
        long sum = 0;
        for (Piece part : parts) {
            sum += part.length();
        }
        this.total = sum;
    }

    long total() {
        return total;
    }

    /**
     * Reads a {@code Range} header against the total. One range only: a multi-range or malformed
     * header is ignored (RFC 9110 lets a server answer 200), a suffix range {@code -n} is the last
     * n bytes.
     */
    Ranged range(String header) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || total == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, total - suffix), total - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
        if (first >= total) {
            return new Unsatisfiable();
        }
        if (last < first) {
            return new Whole();
        }
        return new Part(first, last);
    }

    /** The pieces of bytes {@code first} to {@code last} (inclusive) of the concatenation. */
    List<Piece> pieces(long first, long last) {
        List<Piece> pieces = new ArrayList<>();
        long at = 0;
        for (Piece part : parts) {
            long partEnd = at + part.length();
            if (partEnd > first && at <= last && part.length() > 0) {
                long from = Math.max(first, at);
                long to = Math.min(last + 1, partEnd);
                pieces.add(new Piece(part.path(), part.offset() + from - at, to - from));
            }
            at = partEnd;
        }
        return pieces;
    }

    List<Piece> all() {
        return total == 0 ? List.of() : pieces(0, total - 1);
    }
}
