package org.polyplex.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

/**
 * A real ffmpeg-made TS cut into the chunks a session fans out (the proxy's own assembler: a
 * keyframe chunk starts with PAT, PMT and a keyframe), as the archive's tests feed them.
 */
public final class TsChunks {

    /** One chunk as a tap receives it. */
    public record Chunk(Buffer packets, boolean keyframe) {
    }

    private TsChunks() {
    }

    /** The fixture's chunks, from its first keyframe; the input is read in odd-sized pieces as from a socket. */
    public static List<Chunk> of(Path fixture) {
        byte[] bytes = TsFixtures.read(fixture);
        List<Chunk> chunks = new ArrayList<>();
        TsAssembler assembler = new TsAssembler(new TsAssembler.Sink() {
            @Override
            public void chunk(Buffer packets, boolean keyframe) {
                chunks.add(new Chunk(packets, keyframe));
            }

            @Override
            public void rejected(String reason) {
                throw new IllegalStateException(reason);
            }
        }, false, 1 << 20);
        for (int at = 0; at < bytes.length; at += 7000) {
            assembler.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 7000))));
        }
        return chunks;
    }
}
