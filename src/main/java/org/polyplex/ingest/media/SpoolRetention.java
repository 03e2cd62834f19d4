package org.polyplex.ingest.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;

/**
 * Deletes ended generations from the spool: once {@code polyplex.ingest.retention} has passed since
 * their last write, and earlier, oldest first, while the spool is over
 * {@code polyplex.ingest.spool-max-bytes}. Open generations are never deleted (their live window
 * is pruned by ffmpeg itself). A plain blocking method: the caller (a scheduled job) runs it on a
 * worker thread.
 */
@ApplicationScoped
public class SpoolRetention {

    private static final int MAX_ENTRIES = 1_000_000;

    private final SpoolLayout layout;
    private final Duration retention;
    private final long maxBytes;
    private final Clock clock;
    private volatile long usageBytes = -1;

    @Inject
    SpoolRetention(SpoolConfig config, Clock clock) {
        this(new SpoolLayout(Path.of(config.spoolDir()).toAbsolutePath()), config.retention(), config.spoolMaxBytes(),
                clock);
    }

    public SpoolRetention(SpoolLayout layout, Duration retention, long maxBytes, Clock clock) {
        this.layout = layout;
        this.retention = retention;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The spool's disk use measured by the last pass, in bytes; -1 before the first. */
    public long usageBytes() {
        return usageBytes;
    }

    /**
     * One pass.
     *
     * @param open the generations not ended (starting or live, or kept as recordings)
     */
    public synchronized RetentionReport prune(Set<GenerationKey> open) {
        List<Generation> all = scan();
        long total = all.stream().mapToLong(Generation::bytes).sum();
        Instant cutoff = clock.instant().minus(retention);
        List<Generation> ended = new ArrayList<>(all.stream().filter(g -> !open.contains(g.key()))
                .sorted(Comparator.comparing(Generation::lastWrite)).toList());
        int deleted = 0;
        long freed = 0;
        for (Generation g : List.copyOf(ended)) {
            boolean expired = !g.lastWrite().isAfter(cutoff);
            if ((expired || total > maxBytes) && delete(g)) {
                total -= g.bytes();
                freed += g.bytes();
                deleted++;
                ended.remove(g);
            }
        }
        usageBytes = total;
        if (total > maxBytes) {
            Log.warnf("the ingest spool holds %d bytes, over its %d: only open generations are left", total, maxBytes);
        }
        return new RetentionReport(total, deleted, freed, all.size() - deleted);
    }

    private record Generation(GenerationKey key, Path dir, long bytes, Instant lastWrite) {
    }

    private List<Generation> scan() {
        List<Generation> found = new ArrayList<>();
        if (!Files.isDirectory(layout.streams())) {
            return found;
        }
        for (Path stream : numeric(layout.streams())) {
            for (Path gen : numeric(stream)) {
                found.add(measure(new GenerationKey(Long.parseLong(stream.getFileName().toString()),
                        Long.parseLong(gen.getFileName().toString())), gen));
            }
        }
        return found;
    }

    private static List<Path> numeric(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{1,18}"))) {
            ds.forEach(out::add);
        } catch (IOException e) {
            Log.warnf("cannot list %s: %s", dir, e.getMessage());
        }
        return out;
    }

    private static Generation measure(GenerationKey key, Path dir) {
        long bytes = 0;
        Instant last = Instant.EPOCH;
        try (Stream<Path> files = Files.walk(dir, 3)) {
            for (Path p : (Iterable<Path>) files.limit(MAX_ENTRIES)::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    bytes += a.size();
                }
                Instant m = a.lastModifiedTime().toInstant();
                if (m.isAfter(last)) {
                    last = m;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a file deleted by ffmpeg meanwhile: measured without it
        }
        return new Generation(key, dir, bytes, last);
    }

    private static boolean delete(Generation g) {
        try (Stream<Path> files = Files.walk(g.dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("cannot delete generation %d of stream %d from the spool: %s", g.key().generationId(),
                    g.key().streamId(), e.getMessage());
            return false;
        }
    }
}
