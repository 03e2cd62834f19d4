package org.polyplex.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for the AceStream engine's HTTP API on 127.0.0.1 and a free port, for tests and the
 * benchmark: {@code /ace/getstream?format=json&id=&pid=} opens (or, for a pid already playing
 * that content, takes over) an engine session and answers {@code playback_url}, {@code stat_url}
 * and {@code command_url}; the playback URL serves TS paced at a bit rate; the stat URL answers
 * per the content's {@link Mode}; {@code command_url?method=stop} ends the session. Unknown ids get
 * the engine's {@code "error"} answer. Counts everything the tests assert on.
 */
public final class FakeAceEngine implements AutoCloseable {

    /** How a content id behaves. */
    public enum Mode {
        /** Plays: status dl, peers, a moving live position. */
        OK,
        /** Status prebuf forever; the playback URL sends headers and nothing. */
        PREBUF_FOREVER,
        /** Plays, but reports 0 peers. */
        NO_PEERS,
        /** Plays, but the live position never moves. */
        FROZEN,
        /** getstream answers HTML. */
        GARBAGE,
        /** getstream never answers. */
        HANG
    }

    private record Content(Buffer ts, Mode mode) {
    }

    /** One engine session. */
    public static final class Session {
        public final String key;
        public final String contentId;
        public final String pid;
        public final AtomicInteger stops = new AtomicInteger();
        final List<HttpServerResponse> players = new CopyOnWriteArrayList<>();
        final AtomicLong statCalls = new AtomicLong();
        volatile boolean ended;

        Session(String key, String contentId, String pid) {
            this.key = key;
            this.contentId = contentId;
            this.pid = pid;
        }
    }

    private final Vertx vertx;
    private final long bitsPerSecond;
    private final Map<String, Content> contents = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Session> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger getstreams = new AtomicInteger();
    private final AtomicInteger versions = new AtomicInteger();
    private final AtomicInteger keys = new AtomicInteger();
    private HttpServer server;

    public FakeAceEngine(Vertx vertx, long bitsPerSecond) {
        this.vertx = vertx;
        this.bitsPerSecond = bitsPerSecond;
    }

    public FakeAceEngine content(String id, byte[] ts, Mode mode) {
        contents.put(id, new Content(Buffer.buffer(ts), mode));
        return this;
    }

    public FakeAceEngine start() {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int getstreamRequests() {
        return getstreams.get();
    }

    public int versionRequests() {
        return versions.get();
    }

    /** Engine sessions opened for a content id (a pid taking over its own session does not count). */
    public List<Session> sessions(String contentId) {
        return opened.stream().filter(s -> s.contentId.equals(contentId)).toList();
    }

    /** Sessions still playing (not stopped) for a content id. */
    public long active(String contentId) {
        return sessions(contentId).stream().filter(s -> !s.ended).count();
    }

    /** Stop commands received for a content id, over all its sessions. */
    public int stops(String contentId) {
        return sessions(contentId).stream().mapToInt(s -> s.stops.get()).sum();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        HttpServerResponse response = request.response();
        if (path.equals("/webui/api/service") && "get_version".equals(request.getParam("method"))) {
            versions.incrementAndGet();
            json(response, new JsonObject().put("response", new JsonObject().put("version", "3.2.3-fake")
                    .put("code", 3020300)).putNull("error"));
        } else if (path.equals("/ace/getstream")) {
            getstream(request);
        } else if (path.startsWith("/ace/r/")) {
            playback(sessions.get(path.substring(7)), response);
        } else if (path.startsWith("/ace/stat/")) {
            stat(sessions.get(path.substring(10)), response);
        } else if (path.startsWith("/ace/cmd/")) {
            command(sessions.get(path.substring(9)), request.getParam("method"), response);
        } else {
            response.setStatusCode(404).end();
        }
    }

    private void getstream(HttpServerRequest request) {
        getstreams.incrementAndGet();
        String id = request.getParam("id");
        String pid = request.getParam("pid");
        HttpServerResponse response = request.response();
        Content content = id == null ? null : contents.get(id);
        if (!"json".equals(request.getParam("format")) || content == null) {
            json(response, new JsonObject().putNull("response").put("error", "failed to load content"));
            return;
        }
        if (content.mode == Mode.GARBAGE) {
            response.putHeader("Content-Type", "text/html").end("<html><body>Internal Server Error</body></html>");
            return;
        }
        if (content.mode == Mode.HANG) {
            return;
        }
        Session session = null;
        for (Session s : sessions.values()) {
            if (!s.ended && s.contentId.equals(id) && s.pid.equals(pid)) {
                // The real engine serves one player per pid: a second request takes the session over.
                s.players.forEach(HttpServerResponse::close);
                session = s;
            }
        }
        if (session == null) {
            session = new Session("s" + keys.incrementAndGet(), id, pid == null ? "" : pid);
            sessions.put(session.key, session);
            opened.add(session);
        }
        String base = url();
        json(response, new JsonObject().put("response", new JsonObject()
                .put("playback_url", base + "/ace/r/" + session.key)
                .put("stat_url", base + "/ace/stat/" + session.key)
                .put("command_url", base + "/ace/cmd/" + session.key)
                .put("infohash", id).put("playback_session_id", session.key).put("is_live", 1)
                .put("is_encrypted", 0)).putNull("error"));
    }

    private void playback(Session session, HttpServerResponse response) {
        if (session == null || session.ended) {
            response.setStatusCode(404).end();
            return;
        }
        Content content = contents.get(session.contentId);
        response.setChunked(true).putHeader("Content-Type", "video/mp2t").writeHead();
        session.players.add(response);
        if (content.mode == Mode.PREBUF_FOREVER) {
            response.closeHandler(v -> session.players.remove(response));
            return;
        }
        int perTick = (int) Math.max(1, bitsPerSecond / 8 / 50);
        int[] pos = { 0 };
        long timer = vertx.setPeriodic(20, t -> {
            if (!response.writeQueueFull() && !response.closed()) {
                int end = Math.min(pos[0] + perTick, content.ts.length());
                response.write(content.ts.slice(pos[0], end));
                pos[0] = end == content.ts.length() ? 0 : end;
            }
        });
        response.closeHandler(v -> {
            session.players.remove(response);
            vertx.cancelTimer(timer);
        });
    }

    private void stat(Session session, HttpServerResponse response) {
        if (session == null || session.ended) {
            json(response, new JsonObject().putNull("response").put("error", "unknown playback session id"));
            return;
        }
        Mode mode = contents.get(session.contentId).mode;
        long calls = session.statCalls.incrementAndGet();
        long pos = 1_700_000_000L + (mode == Mode.FROZEN ? 0 : calls);
        json(response, new JsonObject().put("response", new JsonObject()
                .put("status", mode == Mode.PREBUF_FOREVER ? "prebuf" : "dl")
                .put("peers", mode == Mode.NO_PEERS ? 0 : 7)
                .put("speed_down", mode == Mode.PREBUF_FOREVER ? 0 : 512).put("speed_up", 32)
                .put("downloaded", calls * 1_000_000).put("total_progress", 0)
                .put("livepos", new JsonObject().put("pos", String.valueOf(pos))
                        .put("first_ts", "1699990000").put("last_ts", String.valueOf(pos)).put("is_live", 1)))
                .putNull("error"));
    }

    private void command(Session session, String method, HttpServerResponse response) {
        if (session == null || !"stop".equals(method)) {
            json(response, new JsonObject().putNull("response").put("error", "unknown command"));
            return;
        }
        session.stops.incrementAndGet();
        session.ended = true;
        session.players.forEach(HttpServerResponse::close);
        json(response, new JsonObject().put("response", "ok").putNull("error"));
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        response.putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
