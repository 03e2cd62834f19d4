package org.polyplex.archive.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.polyplex.archive.serve.CatchupPlan.Piece;

import org.junit.jupiter.api.Test;

/** Byte ranges over the concatenation of archive pieces, and the PSI head of a file. */
class CatchupPlanTest {

    private static final Path A = Path.of("a.ts");
    private static final Path B = Path.of("b.ts");
    // 376 header bytes of A, then A from 1880 (a keyframe) to 3760, then B whole (1000 bytes)
    private final CatchupPlan plan = new CatchupPlan(
            List.of(new Piece(A, 0, 376), new Piece(A, 1880, 1880), new Piece(B, 0, 1000)));

    @Test
    void shouldCutRangesAcrossPieces() {
        assertThat(plan.total()).isEqualTo(376 + 1880 + 1000);
        assertThat(plan.all()).containsExactly(new Piece(A, 0, 376), new Piece(A, 1880, 1880), new Piece(B, 0, 1000));
        assertThat(plan.pieces(300, 400)).containsExactly(new Piece(A, 300, 76), new Piece(A, 1880, 25));
        assertThat(plan.pieces(2256, 2256)).containsExactly(new Piece(B, 0, 1));
        assertThat(plan.pieces(2000, 3255)).containsExactly(new Piece(A, 1880 + 1624, 256), new Piece(B, 0, 1000));
    }

    @Test
    void shouldReadRangeHeaders() {
        assertThat(plan.range(null)).isEqualTo(new CatchupPlan.Whole());
        assertThat(plan.range("bytes=0-")).isEqualTo(new CatchupPlan.Part(0, 3255));
        assertThat(plan.range("bytes=100-199")).isEqualTo(new CatchupPlan.Part(100, 199));
        assertThat(plan.range("bytes=3000-999999")).isEqualTo(new CatchupPlan.Part(3000, 3255));
        assertThat(plan.range("bytes=-256")).isEqualTo(new CatchupPlan.Part(3000, 3255));
        assertThat(plan.range("bytes=-99999")).isEqualTo(new CatchupPlan.Part(0, 3255));
        assertThat(plan.range("bytes=3256-")).isEqualTo(new CatchupPlan.Unsatisfiable());
        assertThat(plan.range("bytes=-0")).isEqualTo(new CatchupPlan.Unsatisfiable());
        // ignored, answered whole: malformed, several ranges, reversed, other units
        for (String ignored : new String[] { "bytes=", "bytes=-", "bytes=1-2,5-6", "bytes=9-3", "items=0-1",
                "bytes=abc-", "bytes=99999999999999999999-" }) {
            assertThat(plan.range(ignored)).as(ignored).isEqualTo(new CatchupPlan.Whole());
        }
    }

    @Test
    void shouldFindThePsiPacketsAFileStartsWith() {
        byte[] head = new byte[188 * 4];
        psi(head, 0, 0x11, 0x42);
        psi(head, 1, 0x00, 0x00);
        psi(head, 2, 0x1000, 0x02);
        head[188 * 3] = 0x47;
        head[188 * 3 + 1] = 0x41;
        assertThat(CatchupWindow.headerBytes(head, head.length)).isEqualTo(188 * 3);
        byte[] noPmt = new byte[188 * 2];
        psi(noPmt, 0, 0x00, 0x00);
        noPmt[188] = 0x47;
        assertThat(CatchupWindow.headerBytes(noPmt, noPmt.length)).isZero();
        assertThat(CatchupWindow.headerBytes(new byte[10], 10)).isZero();
    }

    private static void psi(byte[] ts, int packet, int pid, int table) {
        int at = packet * 188;
        ts[at] = 0x47;
        ts[at + 1] = (byte) (0x40 | (pid >> 8));
        ts[at + 2] = (byte) pid;
        ts[at + 3] = 0x10;
        ts[at + 4] = 0;
        ts[at + 5] = (byte) table;
    }
}
