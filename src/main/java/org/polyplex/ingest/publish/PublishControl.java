package org.polyplex.ingest.publish;

/**
 * What the media side may do to a publish it accepted: end it (an admin stopped the stream, a newer
 * publisher took it over, its packager gave up). The server tells the encoder and closes the
 * connection; the sink then hears {@link PublishSink#closed}. Callable from any thread, idempotent.
 */
@FunctionalInterface
public interface PublishControl {

    void end(String reason);
}
