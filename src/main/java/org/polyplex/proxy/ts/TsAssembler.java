package org.polyplex.proxy.ts;

import static org.polyplex.proxy.ts.TsPacket.NULL_PID;
import static org.polyplex.proxy.ts.TsPacket.PAT_PID;
import static org.polyplex.proxy.ts.TsPacket.SIZE;
import static org.polyplex.proxy.ts.TsPacket.SYNC;

import java.util.Arrays;

import io.vertx.core.buffer.Buffer;

/**
 * Turns the arbitrary byte chunks of one upstream connection into chunks of whole, aligned TS
 * packets, cut so that every keyframe starts a new chunk. Inputs are coalesced: a chunk goes out
 * once it holds {@code coalesceBytes}, or its first byte is {@code coalesceNanos} old (checked on
 * every input and by {@link #flushIfDue}), or a keyframe begins. Every chunk costs each viewer a
 * write, so fewer, larger chunks are what makes a viewer cheap; players buffer seconds, so tens of
 * milliseconds of coalescing are invisible to them.
 * <p>
 * Nothing is forwarded before the first keyframe: that chunk, and every later keyframe chunk,
 * begins with copies of the latest PAT and PMT, so a reader that starts at any keyframe chunk
 * gets PAT, PMT, keyframe. With {@code splice} set (a failover onto this connection), the first
 * packet of every PID also carries a discontinuity indicator. Garbage between packets is skipped
 * by resynchronising on two sync bytes 188 apart; too much of it, or a PMT without video,
 * rejects the connection once.
 * <p>
 * Not thread-safe: one instance per upstream connection, used on the session's context only.
 */
public final class TsAssembler {

    /** Receives the assembler's output (its chunks, or the one rejection); called on the feeding thread. */
    public interface Sink extends ChunkSink {

        /** The input is unusable (not MPEG-TS, no video); no more calls follow. */
        void rejected(String reason);
    }

    private final Sink sink;
    private final boolean splice;
    private final long maxJunkBytes;
    private final int coalesceBytes;
    private final long coalesceNanos;
    private final byte[] carry = new byte[SIZE];
    private final byte[] pat = new byte[SIZE];
    private final byte[] pmt = new byte[SIZE];
    private final byte[] scratch = new byte[SIZE];
    /**
     * Inputs are read through this window, a slice at a time, instead of as a new array each: an
     * unpaced upstream is read at hundreds of megabytes a second, all of which would be garbage.
     */
    private final byte[] window = new byte[SIZE * 256];
    // One bit per PID: already marked with a discontinuity after a splice.
    private final long[] marked = new long[8192 / 64];

    private int carryLen;
    private long junk;
    private boolean rejected;
    private boolean patSeen;
    private boolean pmtSeen;
    private boolean started;
    private int pmtPid = -1;
    private int videoPid = -1;
    private TsPacket.Video video = TsPacket.Video.NONE;
    /** The chunk being gathered: {@code outLen} bytes of whole packets; grows, never shrinks. */
    private byte[] out = new byte[SIZE * 64];
    private int outLen;
    private boolean outKeyframe;
    /** The clock reading of the input being fed, and of the first byte of {@code out}. */
    private long now;
    private long pendingSince;

    /** An assembler that forwards what each input completes at once (no coalescing). */
    public TsAssembler(Sink sink, boolean splice, long maxJunkBytes) {
        this(sink, splice, maxJunkBytes, 0, 0);
    }

    /**
     * @param coalesceBytes a chunk goes out once it holds this many bytes (0: after every input)
     * @param coalesceNanos or once its first byte is this old, on the clock of {@link #feed(Buffer, long)}
     */
    public TsAssembler(Sink sink, boolean splice, long maxJunkBytes, int coalesceBytes, long coalesceNanos) {
        this.sink = sink;
        this.splice = splice;
        this.maxJunkBytes = maxJunkBytes;
        this.coalesceBytes = coalesceBytes;
        this.coalesceNanos = coalesceNanos;
    }

    /** True once the first keyframe has been forwarded. */
    public boolean started() {
        return started;
    }

    /** Feeds an input to an assembler made without coalescing, which needs no clock. */
    public void feed(Buffer input) {
        feed(input, 0);
    }

    /** Feeds an input read at {@code nanoTime} (a monotonic clock, as {@link System#nanoTime()}). */
    public void feed(Buffer input, long nanoTime) {
        if (rejected) {
            return;
        }
        now = nanoTime;
        int length = input.length();
        for (int at = 0; at < length && !rejected; at += window.length) {
            int n = Math.min(window.length, length - at);
            input.getBytes(at, at + n, window, 0);
            take(window, n);
        }
        if (!rejected && outLen > 0 && (outLen >= coalesceBytes || nanoTime - pendingSince >= coalesceNanos)) {
            flush();
        }
    }

    /** Takes the first {@code len} bytes of {@code data}, which continue the previous ones. */
    private void take(byte[] data, int len) {
        int pos = completeCarry(data, len);
        if (pos < 0) {
            return;
        }
        pos = alignedPackets(data, pos, len);
        if (!rejected && pos < len) {
            keepRemainder(data, pos, len);
        }
    }

    /** Sends the pending chunk if its first byte is as old as the coalescing delay (an upstream pause). */
    public void flushIfDue(long nanoTime) {
        if (!rejected && outLen > 0 && nanoTime - pendingSince >= coalesceNanos) {
            flush();
        }
    }

    /**
     * Completes the packet the last input cut short, from the head of {@code data}: the position
     * after what it took, or -1 when {@code data} did not complete it either.
     */
    private int completeCarry(byte[] data, int len) {
        if (carryLen == 0) {
            return 0;
        }
        int n = Math.min(SIZE - carryLen, len);
        System.arraycopy(data, 0, carry, carryLen, n);
        carryLen += n;
        if (carryLen < SIZE) {
            return -1;
        }
        carryLen = 0;
        if (n >= len || data[n] == SYNC) {
            packet(carry, 0);
        } else {
            junk += SIZE;
        }
        return n;
    }

    /** Takes every whole packet from {@code pos} on, resyncing over junk: the position after the last. */
    private int alignedPackets(byte[] data, int pos, int len) {
        while (!rejected && len - pos >= SIZE) {
            if (data[pos] == SYNC && (pos + SIZE >= len || data[pos + SIZE] == SYNC)) {
                packet(data, pos);
                pos += SIZE;
                junk = 0;
            } else {
                int next = resync(data, pos + 1, len);
                junk += next - pos;
                pos = next;
            }
            if (junk > maxJunkBytes) {
                reject("not MPEG-TS: " + junk + " bytes without a packet");
            }
        }
        return pos;
    }

    /** Keeps the start of a packet the next input completes. */
    private void keepRemainder(byte[] data, int pos, int len) {
        int from = data[pos] == SYNC ? pos : resync(data, pos, len);
        junk += from - pos;
        carryLen = len - from;
        System.arraycopy(data, from, carry, 0, carryLen);
    }

    private void packet(byte[] p, int off) {
        int pid = TsPacket.pid(p, off);
        if (pid == NULL_PID) {
            return;
        }
        if (pid == PAT_PID && TsPacket.payloadStart(p, off)) {
            System.arraycopy(p, off, pat, 0, SIZE);
            patSeen = true;
            pmtPid = TsPacket.pmtPid(p, off);
        } else if (pid == pmtPid && TsPacket.payloadStart(p, off)) {
            int stream = TsPacket.videoStream(p, off);
            if (stream < 0) {
                reject("no video stream in the PMT");
                return;
            }
            System.arraycopy(p, off, pmt, 0, SIZE);
            pmtSeen = true;
            videoPid = stream >> 8;
            video = TsPacket.Video.values()[stream & 0xFF];
        }
        if (pid == videoPid && patSeen && pmtSeen && TsPacket.isKeyframe(p, off, video)) {
            flush();
            started = true;
            outKeyframe = true;
            emit(pat, 0);
            emit(pmt, 0);
        }
        if (started) {
            emit(p, off);
        }
    }

    private void emit(byte[] p, int off) {
        if (outLen == 0) {
            pendingSince = now;
        }
        if (splice) {
            int pid = TsPacket.pid(p, off);
            if ((marked[pid >> 6] & (1L << pid)) == 0) {
                marked[pid >> 6] |= 1L << pid;
                if (TsPacket.hasAdaptationFlags(p, off)) {
                    int at = outLen;
                    append(p, off);
                    out[at + 5] = (byte) (p[off + 5] | 0x80);
                    return;
                }
                TsPacket.writeDiscontinuityPacket(scratch, 0, pid, TsPacket.continuityCounter(p, off));
                append(scratch, 0);
            }
        }
        append(p, off);
    }

    private void append(byte[] p, int off) {
        if (outLen + SIZE > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        System.arraycopy(p, off, out, outLen, SIZE);
        outLen += SIZE;
    }

    private void flush() {
        if (outLen > 0) {
            Buffer chunk = Chunks.direct(out, outLen);
            boolean keyframe = outKeyframe;
            outLen = 0;
            outKeyframe = false;
            sink.chunk(chunk, keyframe);
        }
    }

    private void reject(String reason) {
        rejected = true;
        outLen = 0;
        sink.rejected(reason);
    }

    private static int resync(byte[] data, int from, int len) {
        for (int i = from; i < len; i++) {
            if (data[i] == SYNC && (i + SIZE >= len || data[i + SIZE] == SYNC)) {
                return i;
            }
        }
        return len;
    }
}
