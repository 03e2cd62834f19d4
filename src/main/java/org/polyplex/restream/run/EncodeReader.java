package org.polyplex.restream.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.polyplex.proxy.ts.TsAssembler;

import io.vertx.core.buffer.Buffer;

/**
 * The thread that reads one attempt of a {@link SharedEncode} from its ffmpeg's stdout, for as
 * long as that attempt is the encode's current one: the MPEG-TS is cut into keyframe-aligned
 * chunks (each keyframe chunk starting with PAT and PMT, the first packet of each PID marked as a
 * discontinuity after a restart) and offered to every destination, which never blocks. A read
 * that fails means the ffmpeg is gone: the supervisor reports its exit, so the thread just ends.
 */
final class EncodeReader {

    /** Garbage tolerated between packets before the output is refused. */
    private static final long MAX_JUNK_BYTES = 1 << 20;
    private static final int READ_BYTES = 64 * 1024;

    private EncodeReader() {
    }

    /**
     * @param splice whether this attempt follows another (its output is a splice for the destinations)
     * @param current whether the attempt is still the encode's current one
     * @param first told once, with what the first chunk carries, when the first keyframe chunk goes out
     * @param rejected told once when the output is not usable MPEG-TS with video
     */
    static void start(String name, InputStream stdout, boolean splice, BooleanSupplier current,
            List<DestinationWorker> members, Consumer<SourceStreams> first, Consumer<String> rejected) {
        TsAssembler assembler = new TsAssembler(new TsAssembler.Sink() {
            private boolean seen;

            @Override
            public void chunk(Buffer packets, boolean keyframe) {
                if (!current.getAsBoolean()) {
                    return;
                }
                if (!seen) {
                    seen = true;
                    first.accept(SourceStreams.of(packets));
                }
                for (DestinationWorker m : members) {
                    m.offer(packets, keyframe);
                }
            }

            @Override
            public void rejected(String reason) {
                rejected.accept(reason);
            }
        }, splice, MAX_JUNK_BYTES);
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[READ_BYTES];
            try (InputStream in = stdout) {
                for (int n; (n = in.read(buffer)) >= 0 && current.getAsBoolean();) {
                    if (n > 0) {
                        assembler.feed(Buffer.buffer(Arrays.copyOf(buffer, n)));
                    }
                }
            } catch (IOException e) {
                // the ffmpeg is gone: the supervisor reports its exit
            }
        }, name + "-out");
        t.setDaemon(true);
        t.start();
    }
}
