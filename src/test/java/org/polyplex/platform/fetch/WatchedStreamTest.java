package org.polyplex.platform.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The read timeout counts time spent waiting in a read, never time the caller spends between reads. */
class WatchedStreamTest {

    private static final long READ_TIMEOUT = TimeUnit.SECONDS.toNanos(1);

    private static WatchedStream stream(long deadline) {
        return new WatchedStream(new ByteArrayInputStream(new byte[] { 1, 2, 3 }), deadline, READ_TIMEOUT, "deadline",
                "read timeout");
    }

    @Test
    void shouldNotCountTheCallersTimeBetweenReadsAsAStall() throws IOException {
        long now = System.nanoTime();
        WatchedStream watched = stream(now + TimeUnit.HOURS.toNanos(1));
        assertThat(watched.read()).isEqualTo(1);
        watched.check(now + 10 * READ_TIMEOUT);
        assertThat(watched.read()).isEqualTo(2);
        assertThat(watched.count()).isEqualTo(2);
    }

    @Test
    void shouldFailEveryReadOncePastTheDeadline() throws IOException {
        long now = System.nanoTime();
        WatchedStream watched = stream(now + TimeUnit.HOURS.toNanos(1));
        assertThat(watched.read()).isEqualTo(1);
        watched.check(now + TimeUnit.HOURS.toNanos(2));
        assertThatThrownBy(watched::read).isInstanceOf(FetchException.class).hasMessage("deadline");
        assertThatThrownBy(() -> watched.read(new byte[4], 0, 4)).isInstanceOf(FetchException.class);
    }

    @Test
    void shouldFailAtOnceWhenTheDeadlineHasPassed() {
        WatchedStream watched = stream(System.nanoTime() - 1);
        assertThatThrownBy(watched::read).isInstanceOf(FetchException.class).hasMessage("deadline");
    }
}
