package org.polyplex.ingest.publish;

/**
 * Why a publish was refused, as the RTMP server tells the encoder in its {@code onStatus} before it
 * closes the connection. The message is for logs and the encoder: it never carries the key.
 */
public final class PublishRefusal extends RuntimeException {

    /** The {@code onStatus} codes encoders understand. */
    public enum Code {
        /** The key is unknown, revoked or malformed. */
        BAD_NAME("NetStream.Publish.BadName"),
        /** The address failed too often, or the stream may not be published now. */
        UNAUTHORIZED("NetStream.Publish.Unauthorized"),
        /** Someone already publishes this stream and it does not let a newer publisher take over. */
        BUSY("NetStream.Publish.BadName");

        private final String status;

        Code(String status) {
            this.status = status;
        }

        /** The {@code code} field of the {@code onStatus} answer. */
        public String status() {
            return status;
        }
    }

    private final Code code;

    public PublishRefusal(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
