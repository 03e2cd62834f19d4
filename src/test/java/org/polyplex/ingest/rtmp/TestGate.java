package org.polyplex.ingest.rtmp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.polyplex.ingest.publish.PublishGate;
import org.polyplex.ingest.publish.PublishRefusal;
import org.polyplex.ingest.publish.PublishRequest;
import org.polyplex.ingest.publish.PublishSink;

import io.vertx.core.Future;

/** Accepts the key {@code good-key} with a fresh {@link RecordingSink}; refuses every other key. */
final class TestGate implements PublishGate {

    static final String KEY = "good-key";

    final List<PublishRequest> requests = new CopyOnWriteArrayList<>();
    final List<RecordingSink> sinks = new CopyOnWriteArrayList<>();
    private final Supplier<RecordingSink> sinkFactory;

    TestGate() {
        this(RecordingSink::new);
    }

    TestGate(Supplier<RecordingSink> sinkFactory) {
        this.sinkFactory = sinkFactory;
    }

    @Override
    public Future<PublishSink> open(PublishRequest request) {
        requests.add(request);
        if (!KEY.equals(request.streamKey())) {
            return Future.failedFuture(new PublishRefusal(PublishRefusal.Code.BAD_NAME, "unknown key"));
        }
        RecordingSink sink = sinkFactory.get();
        sinks.add(sink);
        return Future.succeededFuture(sink);
    }

    long mediaMessages() {
        return sinks.stream().mapToLong(s -> s.messages.size()).sum();
    }
}
