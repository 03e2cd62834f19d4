package org.polyplex.ingest.player;

/** The hls.js webjar the player page loads; kept equal to {@code hlsjs.version} in the POM (a test checks it). */
final class HlsJs {

    static final String VERSION = "1.4.12";

    private HlsJs() {
    }
}
