package org.polyplex.ingest.publish;

/**
 * A publisher asking to start: the RTMP application it connected to ({@code live} in
 * {@code rtmp://host:1935/live}), the publish name, which is the stream key, any query the encoder
 * appended to it, and the client's address. The key is a secret: {@link #toString()} leaves it out,
 * and nothing may log, store or hand it out.
 */
public record PublishRequest(String app, String streamKey, String query, String remoteAddress) {

    @Override
    public String toString() {
        return "PublishRequest[app=" + app + ", remoteAddress=" + remoteAddress + "]";
    }
}
