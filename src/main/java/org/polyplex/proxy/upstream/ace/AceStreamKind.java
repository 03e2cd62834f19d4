package org.polyplex.proxy.upstream.ace;

import java.util.function.Function;

import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

/** {@code acestream://<content id>} sources, while AceStream is enabled: one engine session per upstream. */
final class AceStreamKind implements UpstreamKind {

    private final AceStreamEngine engine;
    private final Function<String, Upstream> playback;

    AceStreamKind(AceStreamEngine engine, Function<String, Upstream> playback) {
        this.engine = engine;
        this.playback = playback;
    }

    @Override
    public boolean supports(String url) {
        return engine.enabled() && AceStreamEngine.contentId(url).isPresent();
    }

    @Override
    public Upstream create(String url) {
        return new AceStreamUpstream(engine, AceStreamEngine.contentId(url).orElseThrow(), playback);
    }
}
