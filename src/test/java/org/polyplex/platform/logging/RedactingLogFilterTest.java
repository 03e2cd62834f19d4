package org.polyplex.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {

    private final RedactingLogFilter filter = new RedactingLogFilter();

    @Test
    void shouldRedactAFailedRequestLineAsQuarkusWritesIt() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "HTTP Request to %s failed, error id: %s",
                ExtLogRecord.FormatStyle.PRINTF, getClass().getName());
        record.setParameters(new Object[] { "/player_api.php?username=alice&password=s3cret&action=get_live_streams", "e1" });
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage())
                .isEqualTo(
                        "HTTP Request to /player_api.php?username=***&password=***&action=get_live_streams failed, error id: e1");
    }

    @Test
    void shouldRedactExceptionMessagesAlongTheCauseChain() {
        Exception cause = null;
        try {
            URI.create("http://alice:s3cret@h.example/live/alice/s3cret/1 2.ts");
        } catch (IllegalArgumentException e) {
            cause = e;
        }
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "upstream failed", getClass().getName());
        record.setThrown(new IOException("wrapped", cause));
        filter.isLoggable(record);
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("s3cret").contains("java.lang.IllegalArgumentException")
                .contains("java.io.IOException: wrapped").contains("RedactingLogFilterTest");
    }

    @Test
    void shouldLeaveCleanRecordsAlone() {
        IllegalStateException plain = new IllegalStateException("no secrets here");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "session=%s opened", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] { 3 });
        record.setThrown(plain);
        filter.isLoggable(record);
        assertThat(record.getFormattedMessage()).isEqualTo("session=3 opened");
        assertThat(record.getThrown()).isSameAs(plain);
    }
}
