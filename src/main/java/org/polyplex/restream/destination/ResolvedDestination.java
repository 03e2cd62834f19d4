package org.polyplex.restream.destination;

/**
 * A destination ready to publish to: its id, name and the full URL with the decrypted key.
 * {@code secret} is the key alone, so that whoever reports on the destination can scrub it from
 * any text (an ffmpeg error line) before the text is kept or logged. Never logged or answered.
 */
public record ResolvedDestination(long id, String name, String publishUrl, String secret) {

    @Override
    public String toString() {
        return "ResolvedDestination[id=" + id + ", name=" + name + "]";
    }
}
