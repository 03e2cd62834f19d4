package org.polyplex.archive.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.archive.store.ArchiveStore.ArchiveFile;

/**
 * Turns a window {@code [from, to)} of a channel's archive into the pieces of one answer: from the
 * last keyframe at or before {@code from} in the first file (its sidecar index,
 * {@link ArchiveStore#offsetAt}), preceded by that file's leading PAT and PMT packets so a player
 * starts clean, then the following files whole (each starts with PAT, PMT and a keyframe). The
 * end is rounded out to the end of the last file overlapping the window. Blocking (reads the
 * index and the first packets): worker threads only.
 */
final class CatchupWindow {

    static final int PACKET = 188;
    /** PAT/PMT packets looked for at a file's start; a file starting otherwise is served whole. */
    private static final int MAX_HEADER_PACKETS = 6;

    private final ArchiveStore store;

    CatchupWindow(ArchiveStore store) {
        this.store = store;
    }

    List<CatchupPlan.Piece> pieces(long channelId, Instant from, Instant to) {
        List<ArchiveFile> files = store.files(channelId, from, to);
        List<CatchupPlan.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ArchiveFile file = files.get(i);
            long offset = i == 0 ? store.offsetAt(file, from) : 0;
            long headers = offset > 0 ? headerBytes(file) : 0;
            if (headers == 0) {
                offset = 0;
            }
            if (headers > 0) {
                pieces.add(new CatchupPlan.Piece(file.path(), 0, headers));
            }
            if (file.size() > offset) {
                pieces.add(new CatchupPlan.Piece(file.path(), offset, file.size() - offset));
            }
        }
        return pieces;
    }

    /**
     * The length of the PSI packets the file starts with (PAT, PMT, and an SDT if there is one),
     * or 0 when it does not start with a PAT and a PMT or cannot be read.
     */
    static long headerBytes(ArchiveFile file) {
        ByteBuffer head = ByteBuffer.allocate(PACKET * MAX_HEADER_PACKETS);
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) > 0) {
                // the first packets only
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
        return headerBytes(head.array(), head.position());
    }

    /** {@link #headerBytes(ArchiveFile)} over the first bytes of a file. Pure. */
    static long headerBytes(byte[] head, int length) {
        int packets = 0;
        boolean pat = false;
        boolean pmt = false;
        while ((packets + 1) * PACKET <= length && packets < MAX_HEADER_PACKETS) {
            int at = packets * PACKET;
            if ((head[at] & 0xFF) != 0x47) {
                break;
            }
            int pid = ((head[at + 1] & 0x1F) << 8) | (head[at + 2] & 0xFF);
            boolean start = (head[at + 1] & 0x40) != 0;
            int payload = at + 4;
            if ((head[at + 3] & 0x20) != 0) {
                payload += 1 + (head[at + 4] & 0xFF);
            }
            if (!start || payload >= at + PACKET - 1) {
                break;
            }
            int tableAt = payload + 1 + (head[payload] & 0xFF);
            if (tableAt >= at + PACKET) {
                break;
            }
            int table = head[tableAt] & 0xFF;
            if (pid == 0 && table == 0x00) {
                pat = true;
            } else if (table == 0x02) {
                pmt = true;
            } else if (pid != 0x11 || table != 0x42) {
                // not an SDT either (ffmpeg writes SDT, PAT, PMT): the tables end here
                break;
            }
            packets++;
        }
        return pat && pmt ? (long) packets * PACKET : 0;
    }
}
