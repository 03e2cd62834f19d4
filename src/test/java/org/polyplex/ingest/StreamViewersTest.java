package org.polyplex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.polyplex.proxy.session.SessionsSnapshot;
import org.polyplex.proxy.session.SessionsSnapshot.SessionInfo;

import org.junit.jupiter.api.Test;

class StreamViewersTest {

    @Test
    void shouldSumViewersOfTheLinkedChannelsSessionsOnly() {
        SessionsSnapshot snapshot = new SessionsSnapshot(List.of(session(1, 7, 3), session(2, 7, 2), session(3, 8, 5)),
                List.of(), new SessionsSnapshot.Memory(0, 0));
        assertThat(StreamService.viewers(snapshot, 7L)).isEqualTo(5);
        assertThat(StreamService.viewers(snapshot, 9L)).isZero();
        assertThat(StreamService.viewers(snapshot, null)).isZero();
    }

    private static SessionInfo session(long id, long channelId, int viewers) {
        return new SessionInfo(id, channelId, "c", null, "ingest://stream/1", "streaming", 0, viewers, 0, 0,
                Instant.EPOCH);
    }
}
