package org.polyplex.archive.record;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus meters of the archive: bytes and files written, files pruned by reason
 * ({@code window}, {@code quota}, {@code write_error}), gaps (chunks dropped, the recording cut),
 * write errors, and gauges of the channels recording and the bytes on disk.
 */
public final class ArchiveMetrics {

    private final MeterRegistry registry;
    private final Counter bytesWritten;
    private final Counter filesWritten;
    private final Counter gaps;
    private final Counter droppedBytes;
    private final Counter writeErrors;

    public ArchiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytesWritten = registry.counter("polyplex.archive.bytes.written");
        this.filesWritten = registry.counter("polyplex.archive.files.written");
        this.gaps = registry.counter("polyplex.archive.gaps");
        this.droppedBytes = registry.counter("polyplex.archive.dropped.bytes");
        this.writeErrors = registry.counter("polyplex.archive.write.errors");
    }

    /** Gauges read from the recorder and the store when scraped. */
    public void gauges(Supplier<Number> recording, Supplier<Number> storedBytes, Supplier<Number> storedFiles) {
        registry.gauge("polyplex.archive.recording.channels", recording, s -> s.get().doubleValue());
        registry.gauge("polyplex.archive.stored.bytes", storedBytes, s -> s.get().doubleValue());
        registry.gauge("polyplex.archive.stored.files", storedFiles, s -> s.get().doubleValue());
    }

    void written(long bytes) {
        bytesWritten.increment(bytes);
    }

    void fileStarted() {
        filesWritten.increment();
    }

    void gap(long bytes) {
        gaps.increment();
        droppedBytes.increment(bytes);
    }

    void dropped(long bytes) {
        droppedBytes.increment(bytes);
    }

    void writeError() {
        writeErrors.increment();
    }

    /** {@code reason} is a fixed word: window, quota or write_error. */
    void pruned(String reason, int files) {
        if (files > 0) {
            registry.counter("polyplex.archive.files.pruned", "reason", reason).increment(files);
        }
    }

    public double bytesWritten() {
        return bytesWritten.count();
    }

    public double filesWritten() {
        return filesWritten.count();
    }

    public double gaps() {
        return gaps.count();
    }

    public double writeErrors() {
        return writeErrors.count();
    }

    public double pruned(String reason) {
        return registry.counter("polyplex.archive.files.pruned", "reason", reason).count();
    }
}
