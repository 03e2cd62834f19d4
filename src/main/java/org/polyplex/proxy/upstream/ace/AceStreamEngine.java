package org.polyplex.proxy.upstream.ace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.polyplex.platform.AceStreamId;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;
import org.polyplex.proxy.upstream.fetch.BoundedGet;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;

/**
 * Entry point of the AceStream support: makes one {@link Upstream} per channel session for an
 * {@code acestream://<content id>} source, each with its own engine session and a node-unique
 * {@code pid} (the engine stops serving a player when another one asks with the same pid), and
 * asks the engine for its version (readiness). Thread-safe: sessions on any event loop use it.
 */
public final class AceStreamEngine {

    /** Longest engine text (an error, a status) put into a log line or a failure reason. */
    static final int TEXT_MAX = 160;

    private final Vertx vertx;
    private final HttpClient client;
    private final AceStreamConfig config;
    private final String base;
    private final String node = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong pids = new AtomicLong();
    private final Set<Future<JsonObject>> commands = ConcurrentHashMap.newKeySet();

    public AceStreamEngine(Vertx vertx, HttpClient client, AceStreamConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        String url = config.engineUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * AceStream as a kind of source: {@code acestream://<content id>} URLs, while AceStream is
     * enabled, each played by its own engine session.
     *
     * @param playback makes the TS reader for the engine's {@code playback_url}
     */
    public UpstreamKind kind(Function<String, Upstream> playback) {
        return new AceStreamKind(this, playback);
    }

    /**
     * The 40-hex content id of {@code acestream://<id>}, lower-cased; a path or query after the id
     * (as some players write it) is ignored.
     */
    public static Optional<String> contentId(String sourceUrl) {
        String url = sourceUrl.strip();
        if (!AceStreamId.isAceStreamUrl(url)) {
            return Optional.empty();
        }
        int end = AceStreamId.SCHEME.length();
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
            end++;
        }
        return AceStreamId.fromUrl(url.substring(0, end)).map(AceStreamId::hex);
    }

    /** The engine's version, for the readiness check; fails when the engine is down or odd. */
    public Future<String> version() {
        // Health checks call from a worker thread; the body handlers must be set on a context.
        Promise<JsonObject> answer = Promise.promise();
        vertx.getOrCreateContext()
                .runOnContext(v -> fetchJson(base + "/webui/api/service?method=get_version").onComplete(answer));
        return answer.future().map(json -> {
            Object error = json.getValue("error");
            if (error != null) {
                throw new IllegalStateException("engine error: " + Redaction.line(String.valueOf(error), TEXT_MAX));
            }
            Object response = json.getValue("response");
            if (response instanceof JsonObject r && r.getValue("version") != null) {
                return String.valueOf(r.getValue("version"));
            }
            return String.valueOf(response);
        });
    }

    String nextPid() {
        return "polyplex-" + node + "-" + pids.incrementAndGet();
    }

    String getstreamUrl(String contentId, String pid) {
        return base + "/ace/getstream?format=json&id=" + contentId + "&pid=" + pid;
    }

    /** GETs an engine URL and parses its JSON answer; fails with a log-safe message. */
    /** Sends a command (such as stop) and tracks it until it is answered; see {@link #commandsSent}. */
    Future<JsonObject> command(String url) {
        Future<JsonObject> sent = fetchJson(url);
        commands.add(sent);
        sent.onComplete(ar -> commands.remove(sent));
        return sent;
    }

    /** Completes when every command sent so far is answered or failed: shutdown waits for the stops. */
    public Future<Void> commandsSent() {
        return Future.join(new ArrayList<>(commands)).<Void> mapEmpty().otherwiseEmpty();
    }

    Future<JsonObject> fetchJson(String url) {
        return BoundedGet.get(client, url, config.requestTimeout(), config.maxAnswerBytes()).map(answer -> {
            try {
                return new JsonObject(answer.body());
            } catch (RuntimeException e) {
                throw new IllegalStateException("engine answer is not JSON");
            }
        });
    }

    AceStreamConfig config() {
        return config;
    }

    Vertx vertx() {
        return vertx;
    }

    Duration statInterval() {
        return config.statInterval();
    }
}
