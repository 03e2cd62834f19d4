package org.polyplex.proxy.upstream.hls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;
import org.polyplex.proxy.upstream.fetch.BoundedGet;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;

/**
 * A live HLS source read as one MPEG-TS stream: the playlist (through at most
 * {@code maxMasterDepth} master playlists) is reloaded every target duration (half of it when it
 * did not change, RFC 8216 section 6.3.4), each new segment is fetched once, in order, one at a
 * time, decrypted when AES-128 (off the event loop), marked at discontinuities, and handed to the
 * listener whole. Fails on a malformed playlist, a segment error (404 …), a playlist that adds
 * nothing for {@code staleTargetDurations} target durations, or the end of the playlist.
 * Confined to the owning session's context.
 */
final class HlsUpstream implements Upstream {

    /** Segments waiting to be fetched, at most; more means fetching cannot keep up with live. */
    private static final int MAX_QUEUED = 16;

    /** Where the source stands. */
    sealed interface State {
        /** Loading (master) playlists; {@code depth} masters followed so far. */
        record Resolving(int depth) implements State {
        }

        /** Following the live media playlist at {@code url}. */
        record Following(String url) implements State {
        }

        /** Closed or failed. */
        record Closed() implements State {
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String url;
    /** The source's headers, sent with the playlist, key and segment requests alike. */
    private final Map<String, String> headers;
    private final HlsConfig.Upstream config;
    private final ArrayDeque<Playlist.Segment> queue = new ArrayDeque<>();
    private final Map<String, Future<byte[]>> keys;
    private State state = new State.Resolving(0);
    private UpstreamListener listener;
    private Context context;
    private long lastSequence = -1;
    private long lastAdvance;
    private double targetDuration;
    private boolean ended;
    private boolean fetching;
    private long reloadTimer = -1;

    HlsUpstream(Vertx vertx, HttpClient client, String url, Map<String, String> headers, HlsConfig.Upstream config) {
        this.vertx = vertx;
        this.client = client;
        this.url = url;
        this.headers = headers;
        this.config = config;
        int maxKeys = config.maxKeys();
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Future<byte[]>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    State state() {
        return state;
    }

    @Override
    public Duration idleGrace() {
        // Segments arrive whole, one per target duration: silence between them is normal.
        return Duration.ofMillis((long) (targetDuration * 2000));
    }

    @Override
    public void open(UpstreamListener listener) {
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
        load(url, 0);
    }

    private void load(String playlistUrl, int depth) {
        BoundedGet.get(client, playlistUrl, headers, config.requestTimeout(), config.maxPlaylistBytes()).onComplete(ar -> {
            if (state instanceof State.Closed) {
                return;
            }
            if (ar.failed()) {
                reloadFailed("playlist: " + Redaction.message(ar.cause()));
                return;
            }
            Playlist playlist;
            try {
                playlist = PlaylistParser.parse(ar.result().body().toString(StandardCharsets.UTF_8), playlistUrl);
            } catch (IllegalArgumentException e) {
                reloadFailed("malformed playlist: " + Redaction.message(e));
                return;
            }
            if (playlist instanceof Playlist.Master master) {
                if (depth >= config.maxMasterDepth()) {
                    fail("master playlists nested deeper than " + config.maxMasterDepth());
                    return;
                }
                state = new State.Resolving(depth + 1);
                load(PlaylistParser.pick(master, config.maxBandwidth()).uri(), depth + 1);
            } else if (playlist instanceof Playlist.Media media) {
                if (state instanceof State.Resolving) {
                    state = new State.Following(playlistUrl);
                }
                onMedia(media);
            }
        });
    }

    /**
     * A playlist load failed. Before the source plays that is the end of it; a live reload that
     * fails is retried at half the target duration until the playlist counts as stale.
     */
    private void reloadFailed(String reason) {
        if (!(state instanceof State.Following following) || stale(System.nanoTime())) {
            fail(reason);
            return;
        }
        reloadTimer = vertx.setTimer(Math.max(100, (long) (targetDuration * 500)), t -> {
            reloadTimer = -1;
            if (state == following) {
                load(following.url(), 0);
            }
        });
    }

    private boolean stale(long now) {
        return now - lastAdvance > (long) (targetDuration * config.staleTargetDurations() * 1e9);
    }

    private void onMedia(Playlist.Media media) {
        long now = System.nanoTime();
        targetDuration = media.targetDuration();
        boolean advanced = enqueue(media);
        ended = media.ended();
        if (advanced) {
            lastAdvance = now;
        } else if (stale(now)) {
            fail("playlist did not advance for " + (now - lastAdvance) / 1_000_000 + " ms");
            return;
        }
        pump();
        if (!ended) {
            long delay = Math.max(100, (long) (targetDuration * (advanced ? 1000 : 500)));
            reloadTimer = vertx.setTimer(delay, t -> {
                reloadTimer = -1;
                if (state instanceof State.Following following) {
                    load(following.url(), 0);
                }
            });
        }
    }

    /** Queues the playlist's segments that were not queued before; true when there were any. */
    private boolean enqueue(Playlist.Media media) {
        List<Playlist.Segment> segments = media.segments();
        long newest = segments.get(segments.size() - 1).sequence();
        boolean advanced = false;
        if (lastSequence < 0 || newest < lastSequence - segments.size()) {
            // First load, or the server restarted its numbering: start near the live edge.
            int from = media.ended() ? 0 : Math.max(0, segments.size() - config.liveEdgeSegments());
            boolean restart = lastSequence >= 0;
            for (int i = from; i < segments.size(); i++) {
                Playlist.Segment s = segments.get(i);
                queue.add(restart && i == from ? marked(s) : s);
            }
            advanced = true;
        } else {
            for (Playlist.Segment s : segments) {
                if (s.sequence() > lastSequence) {
                    if (queue.size() >= MAX_QUEUED) {
                        // Fetching fell behind the live edge: drop the oldest and mark the jump.
                        queue.poll();
                        Playlist.Segment next = queue.poll();
                        if (next != null) {
                            queue.addFirst(marked(next));
                        }
                    }
                    queue.add(s);
                    advanced = true;
                }
            }
        }
        lastSequence = Math.max(lastSequence, newest);
        return advanced;
    }

    private static Playlist.Segment marked(Playlist.Segment s) {
        return new Playlist.Segment(s.uri(), s.duration(), s.sequence(), true, s.key());
    }

    /** Fetches the next queued segment unless one is in flight; segments go out in order. */
    private void pump() {
        if (fetching || state instanceof State.Closed) {
            return;
        }
        Playlist.Segment segment = queue.poll();
        if (segment == null) {
            if (ended) {
                fail("playlist ended");
            }
            return;
        }
        fetching = true;
        Future<byte[]> key = segment.key() == null ? Future.succeededFuture(null) : key(segment.key().uri());
        key.compose(k -> BoundedGet.get(client, segment.uri(), headers, config.requestTimeout(), config.maxSegmentBytes())
                .map(BoundedGet.Answer::body)
                .compose(body -> k == null ? Future.succeededFuture(body) : decrypt(k, segment, body)))
                .onComplete(ar -> {
                    fetching = false;
                    if (state instanceof State.Closed) {
                        return;
                    }
                    if (ar.failed()) {
                        fail("segment " + segment.sequence() + ": " + Redaction.message(ar.cause()));
                        return;
                    }
                    Buffer bytes = segment.discontinuity() ? SegmentBytes.markDiscontinuity(ar.result()) : ar.result();
                    listener.onData(bytes);
                    pump();
                });
    }

    /** The key bytes for a key URI, fetched once per URI while it stays among the recent keys. */
    private Future<byte[]> key(String keyUri) {
        Future<byte[]> known = keys.get(keyUri);
        if (known != null && !known.failed()) {
            return known;
        }
        Future<byte[]> fetched = BoundedGet.get(client, keyUri, headers, config.requestTimeout(), config.maxKeyBytes())
                .map(answer -> answer.body().getBytes())
                .recover(e -> Future.failedFuture("key: " + Redaction.message(e)));
        keys.put(keyUri, fetched);
        return fetched;
    }

    private Future<Buffer> decrypt(byte[] key, Playlist.Segment segment, Buffer body) {
        byte[] iv = SegmentBytes.iv(segment.key(), segment.sequence());
        // AES over a whole segment is milliseconds of CPU: keep it off the event loop.
        return context.executeBlocking(() -> Buffer.buffer(SegmentBytes.decrypt(key, iv, body.getBytes())), false);
    }

    private void fail(String reason) {
        if (state instanceof State.Closed) {
            return;
        }
        close();
        listener.onFailure(reason);
    }

    @Override
    public void close() {
        if (state instanceof State.Closed) {
            return;
        }
        state = new State.Closed();
        queue.clear();
        if (reloadTimer >= 0) {
            vertx.cancelTimer(reloadTimer);
        }
    }
}
