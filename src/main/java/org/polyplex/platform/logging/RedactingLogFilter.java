package org.polyplex.platform.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The last line of defence for credentials in logs: every record that reaches a log handler has
 * its message and its exception messages passed through {@link Redaction#text}, whoever logged
 * it (Quarkus logs a failed request with its URI, {@code URI.create} puts whole URLs in its
 * messages). Enabled by {@code quarkus.log.console.filter=redact} (and the file handler's).
 */
@LoggingFilter(name = "redact")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String redacted = Redaction.text(message);
        if (redacted != null && !redacted.equals(message)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        if (record.getThrown() != null) {
            record.setThrown(RedactedThrowable.of(record.getThrown()));
        }
        return true;
    }

    /** A throwable's chain with redacted messages and the original classes and stack traces. */
    static final class RedactedThrowable extends Throwable {

        private final String type;

        private RedactedThrowable(String type, String message, Throwable cause) {
            super(message, cause, false, true);
            this.type = type;
        }

        static Throwable of(Throwable original) {
            if (!needsRedaction(original, 0)) {
                return original;
            }
            return copy(original, 0);
        }

        private static boolean needsRedaction(Throwable t, int depth) {
            if (t == null || depth > 16) {
                return false;
            }
            String message = t.getMessage();
            return (message != null && !message.equals(Redaction.text(message))) || needsRedaction(t.getCause(), depth + 1);
        }

        private static Throwable copy(Throwable t, int depth) {
            if (t == null || depth > 16) {
                return null;
            }
            RedactedThrowable copy = new RedactedThrowable(t.getClass().getName(), Redaction.text(t.getMessage()),
                    copy(t.getCause(), depth + 1));
            copy.setStackTrace(t.getStackTrace());
            return copy;
        }

        @Override
        public String toString() {
            return getMessage() == null ? type : type + ": " + getMessage();
        }
    }
}
