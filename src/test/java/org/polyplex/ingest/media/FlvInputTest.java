package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packager's input writer: its byte bound, and what a restarted ffmpeg is sent. */
class FlvInputTest {

    @TempDir
    static Path dir;
    static byte[] flv;
    static List<FlvTags.Unit> units = new ArrayList<>();

    @BeforeAll
    static void sample() throws Exception {
        flv = MediaFixtures.flv(dir);
        new FlvTags().feed(flv, units::add);
    }

    @Test
    void theQueueIsBoundedAndDrainsToStdinInOrder() throws Exception {
        FlvInput input = new FlvInput(100_000);
        for (int pos = 0; pos < flv.length; pos += 50_000) {
            input.offer(Buffer.buffer(Arrays.copyOfRange(flv, pos, Math.min(flv.length, pos + 50_000))));
        }
        assertThat(input.writable()).isFalse();
        CountDownLatch drained = new CountDownLatch(1);
        input.drainHandler(drained::countDown);
        input.end();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        input.attach(out);
        assertThat(CompletableFuture.supplyAsync(() -> run(input)).get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(drained.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(input.writable()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(flv);
    }

    @Test
    void aNewStdinGetsTheHeaderAndCodecConfigurationThenTheNextKeyframe() throws Exception {
        int secondKey = indexOf(FlvTags.Kind.VIDEO_KEY, 2);
        int cut = offsetOf(secondKey - 10); // ffmpeg dies mid-GOP
        FlvInput input = new FlvInput(1 << 24);
        input.offer(Buffer.buffer(Arrays.copyOfRange(flv, 0, cut)));
        BrokenAfter first = new BrokenAfter(cut);
        input.attach(first);
        CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> run(input));
        waitFor(() -> first.written == cut);
        first.broken = true;
        input.offer(Buffer.buffer(Arrays.copyOfRange(flv, cut, flv.length)));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        waitFor(() -> first.failures > 0);
        input.attach(second);
        input.end();
        assertThat(writer.get(10, TimeUnit.SECONDS)).isTrue();

        List<FlvTags.Unit> got = new ArrayList<>();
        new FlvTags().feed(second.toByteArray(), got::add);
        assertThat(got.subList(0, 5)).extracting(FlvTags.Unit::kind).containsExactly(FlvTags.Kind.HEADER,
                FlvTags.Kind.METADATA, FlvTags.Kind.VIDEO_CONFIG, FlvTags.Kind.AUDIO_CONFIG, FlvTags.Kind.VIDEO_KEY);
        // the tag that failed on the dead stdin is retried, then everything from the keyframe on
        assertThat(got.get(4).bytes()).isEqualTo(units.get(secondKey).bytes());
        byte[] rest = Arrays.copyOfRange(flv, offsetOf(secondKey), flv.length);
        byte[] tail = Arrays.copyOfRange(second.toByteArray(), second.size() - rest.length, second.size());
        assertThat(tail).isEqualTo(rest);
    }

    @Test
    void bytesOfferedAfterCloseAreDropped() {
        FlvInput input = new FlvInput(65_536);
        input.close();
        assertThat(input.offer(Buffer.buffer(new byte[100_000]))).isTrue();
        assertThat(input.writable()).isTrue();
    }

    private static int indexOf(FlvTags.Kind kind, int nth) {
        int seen = 0;
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).kind() == kind && ++seen == nth) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " #" + nth);
    }

    private static int offsetOf(int unit) {
        int off = 0;
        for (int i = 0; i < unit; i++) {
            off += units.get(i).bytes().length;
        }
        return off;
    }

    private static boolean run(FlvInput input) {
        try {
            return input.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** A stdin that takes {@code limit} bytes and then fails like a dead process's pipe. */
    static final class BrokenAfter extends OutputStream {
        final int limit;
        volatile int written;
        volatile boolean broken;
        volatile int failures;

        BrokenAfter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (broken || written + len > limit) {
                failures++;
                throw new IOException("Broken pipe");
            }
            written += len;
        }
    }
}
