package org.polyplex.archive.serve;

import java.util.Iterator;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes pieces of archive files one after the other to a response whose head is already set:
 * each file is opened with Vert.x' {@link AsyncFile} (reads on a worker, never on the event loop)
 * and piped with back-pressure, so a slow player holds one read buffer, not the window. The
 * response is ended after the last piece; the future fails when a file cannot be read or the
 * player went away, and the caller then resets the connection (the promised length cannot be
 * kept).
 */
final class PieceSender {

    private static final OpenOptions READ = new OpenOptions().setRead(true).setWrite(false).setCreate(false);

    private final Vertx vertx;

    PieceSender(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<Void> send(List<CatchupPlan.Piece> pieces, HttpServerResponse response) {
        Promise<Void> done = Promise.promise();
        next(pieces.iterator(), response, done);
        return done.future();
    }

    private void next(Iterator<CatchupPlan.Piece> pieces, HttpServerResponse response, Promise<Void> done) {
        if (!pieces.hasNext()) {
            response.end().onComplete(done);
            return;
        }
        CatchupPlan.Piece piece = pieces.next();
        vertx.fileSystem().open(piece.path().toString(), READ).onFailure(done::tryFail).onSuccess(file -> {
            file.setReadPos(piece.offset()).setReadLength(piece.length());
            file.pipe().endOnComplete(false).to(response).onComplete(ar -> {
                file.close();
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                } else {
                    next(pieces, response, done);
                }
            });
        });
    }
}
