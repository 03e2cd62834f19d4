package org.polyplex.platform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MeteredOutputStreamTest {

    @Test
    void shouldWriteEveryByteInOrderWhenChunked() throws IOException {
        Semaphore builders = new Semaphore(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (MeteredOutputStream out = new MeteredOutputStream(sink, builders, 4096)) {
            out.write(data, 0, 5000);
            out.write(data[5000]);
            out.write(data, 5001, data.length - 5001);
        }
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(builders.availablePermits()).isEqualTo(1);
    }

    @Test
    void shouldGiveBackTheTurnWhileTheConnectionBlocks() throws Exception {
        Semaphore builders = new Semaphore(1);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        OutputStream blocking = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("chunks only");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    unblock.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        MeteredOutputStream out = new MeteredOutputStream(blocking, builders, 4096);
        Thread slowReader = new Thread(() -> {
            try {
                out.write(new byte[4096]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        slowReader.start();
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(builders.tryAcquire(5, TimeUnit.SECONDS)).as("a blocked send holds no builder turn").isTrue();
        builders.release();
        unblock.countDown();
        slowReader.join(10_000);
    }

    @Test
    void shouldHoldTheTurnWhileFillingAChunk() throws IOException {
        Semaphore builders = new Semaphore(1);
        MeteredOutputStream out = new MeteredOutputStream(OutputStream.nullOutputStream(), builders, 4096);
        out.write(new byte[100]);
        assertThat(builders.availablePermits()).isZero();
        out.flush();
        assertThat(builders.availablePermits()).isEqualTo(1);
        out.close();
    }
}
