package org.polyplex.proxy.upstream.ace;

import java.time.Duration;
import java.util.function.Function;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One engine session: {@code getstream} with a unique pid, the TS read from {@code playback_url}
 * by the ordinary HTTP TS reader, {@code stat_url} polled for health, and
 * {@code command_url?method=stop} sent exactly once when it closes or fails (also when the
 * getstream answer arrives after a close). The owning channel session closes it only after its
 * linger, so the stop never cuts viewers off. Confined to the session's context: callbacks of
 * the client and timers started here run there.
 */
final class AceStreamUpstream implements Upstream {

    /** Where the engine session stands. */
    sealed interface State {
        /** getstream sent, no answer yet. */
        record Requesting() implements State {
        }

        /** The engine opened a session: reading its playback URL and polling its stat URL. */
        record Playing(String statUrl, String commandUrl, Upstream media) implements State {
        }

        /** Closed or failed; the stop (if a session existed) was sent. */
        record Closed() implements State {
        }
    }

    private final AceStreamEngine engine;
    private final String contentId;
    private final Function<String, Upstream> playback;
    private final String pid;
    private State state = new State.Requesting();
    private UpstreamListener listener;
    private StatWatch watch;
    private long statTimer = -1;
    private boolean polling;
    private int statFailures;

    AceStreamUpstream(AceStreamEngine engine, String contentId, Function<String, Upstream> playback) {
        this.engine = engine;
        this.contentId = contentId;
        this.playback = playback;
        this.pid = engine.nextPid();
    }

    String pid() {
        return pid;
    }

    State state() {
        return state;
    }

    @Override
    public Duration startGrace() {
        return engine.config().prebufMax();
    }

    @Override
    public void open(UpstreamListener listener) {
        this.listener = listener;
        engine.fetchJson(engine.getstreamUrl(contentId, pid)).onComplete(ar -> {
            if (ar.failed()) {
                fail("engine getstream failed: " + Redaction.message(ar.cause()));
            } else {
                started(ar.result());
            }
        });
    }

    private void started(JsonObject answer) {
        Object error = answer.getValue("error");
        Object response = answer.getValue("response");
        String commandUrl = response instanceof JsonObject r ? r.getString("command_url") : null;
        if (state instanceof State.Closed) {
            // Closed while getstream was in flight: the engine opened a session nobody will read.
            stop(commandUrl);
            return;
        }
        if (error != null) {
            fail("engine error: " + Redaction.line(String.valueOf(error), AceStreamEngine.TEXT_MAX));
            return;
        }
        if (!(response instanceof JsonObject r) || r.getString("playback_url") == null
                || r.getString("stat_url") == null || commandUrl == null) {
            stop(commandUrl);
            fail("engine answer without playback_url, stat_url and command_url");
            return;
        }
        Upstream media = playback.apply(r.getString("playback_url"));
        state = new State.Playing(r.getString("stat_url"), commandUrl, media);
        watch = new StatWatch(engine.config().prebufMax(), engine.config().noPeersMax(),
                engine.config().liveposStallMax(), System.nanoTime());
        statTimer = engine.vertx().setPeriodic(engine.statInterval().toMillis(), t -> poll());
        media.open(new UpstreamListener() {
            @Override
            public void onData(Buffer data) {
                if (!(state instanceof State.Closed)) {
                    listener.onData(data);
                }
            }

            @Override
            public void onFailure(String reason) {
                fail("playback: " + reason);
            }
        });
    }

    private void poll() {
        if (!(state instanceof State.Playing playing) || polling) {
            return;
        }
        polling = true;
        engine.fetchJson(playing.statUrl()).onComplete(ar -> {
            polling = false;
            if (state != playing) {
                return;
            }
            String verdict;
            try {
                if (ar.failed()) {
                    throw new IllegalArgumentException(Redaction.message(ar.cause()));
                }
                verdict = watch.observe(AceStat.parse(ar.result().encode()), System.nanoTime());
                statFailures = 0;
            } catch (IllegalArgumentException e) {
                verdict = ++statFailures >= engine.config().maxStatFailures()
                        ? "stat failed " + statFailures + " times: " + Redaction.message(e)
                        : null;
            }
            if (verdict != null) {
                fail(verdict);
            }
        });
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
        State was = state;
        if (was instanceof State.Closed) {
            return;
        }
        state = new State.Closed();
        if (statTimer >= 0) {
            engine.vertx().cancelTimer(statTimer);
        }
        if (was instanceof State.Playing playing) {
            playing.media().close();
            stop(playing.commandUrl());
        }
    }

    /** Sends the engine's stop command; each engine session reaches here once. */
    private void stop(String commandUrl) {
        if (commandUrl == null) {
            return;
        }
        String url = commandUrl + (commandUrl.contains("?") ? "&" : "?") + "method=stop";
        engine.command(url).onComplete(ar -> {
            if (ar.failed()) {
                Log.infof("acestream pid=%s stop not confirmed: %s", pid, Redaction.message(ar.cause()));
            } else if (ar.result().getValue("error") != null) {
                Log.infof("acestream pid=%s stop refused: %s", pid,
                        Redaction.line(String.valueOf(ar.result().getValue("error")), AceStreamEngine.TEXT_MAX));
            }
        });
    }
}
