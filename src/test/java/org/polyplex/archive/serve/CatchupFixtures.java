package org.polyplex.archive.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.archive.store.Recording;
import org.polyplex.testsupport.TsFixtures;

/**
 * Archive files made of real ffmpeg MPEG-TS ({@link TsFixtures}), written through the real
 * {@link ArchiveStore} the way the recorder does: each file's first chunk is the PSI (SDT, PAT,
 * PMT) and a keyframe, every chunk one GOP (one second at the fixtures' 25 fps, keyint 25),
 * indexed as a keyframe chunk at its time.
 */
final class CatchupFixtures {

    private static final int PACKET = 188;
    /** ffmpeg's first elementary PID: the video. */
    private static final int VIDEO_PID = 0x100;

    /** The PSI packets at the head of a fixture, and its GOPs. */
    record Gops(byte[] header, List<byte[]> gops) {
    }

    private CatchupFixtures() {
    }

    static Gops gops(Path ts) {
        byte[] all = TsFixtures.read(ts);
        List<Integer> keyframes = new ArrayList<>();
        for (int at = 0; at + PACKET <= all.length; at += PACKET) {
            int pid = ((all[at + 1] & 0x1F) << 8) | (all[at + 2] & 0xFF);
            boolean start = (all[at + 1] & 0x40) != 0;
            boolean rai = (all[at + 3] & 0x20) != 0 && (all[at + 4] & 0xFF) > 0 && (all[at + 5] & 0x40) != 0;
            if (pid == VIDEO_PID && start && rai) {
                keyframes.add(at);
            }
        }
        byte[] header = Arrays.copyOfRange(all, 0, keyframes.get(0));
        List<byte[]> gops = new ArrayList<>();
        for (int i = 0; i < keyframes.size(); i++) {
            int end = i + 1 < keyframes.size() ? keyframes.get(i + 1) : all.length - all.length % PACKET;
            gops.add(Arrays.copyOfRange(all, keyframes.get(i), end));
        }
        return new Gops(header, gops);
    }

    /**
     * One archive file of {@code gops} GOPs starting at {@code start} and spanning {@code length}
     * (the chunks' times spread over it, the last at {@code start + length}); closed.
     */
    static Path file(ArchiveStore store, long channelId, Instant start, Duration length, Gops source, int gops) {
        return file(store, channelId, start, length, source, 0, gops);
    }

    /**
     * As {@link #file(ArchiveStore, long, Instant, Duration, Gops, int)} from the source's GOP
     * {@code firstGop} on, so that files made one after the other continue its timestamps.
     */
    static Path file(ArchiveStore store, long channelId, Instant start, Duration length, Gops source, int firstGop,
            int gops) {
        try (Recording recording = store.begin(channelId, start)) {
            for (int i = 0; i < gops; i++) {
                byte[] gop = source.gops().get((firstGop + i) % source.gops().size());
                byte[] chunk = i == 0 ? concat(source.header(), gop) : gop;
                Instant at = gops == 1 ? start : start.plus(length.multipliedBy(i).dividedBy(gops - 1));
                recording.append(ByteBuffer.wrap(chunk), true, at);
            }
            return recording.path();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
