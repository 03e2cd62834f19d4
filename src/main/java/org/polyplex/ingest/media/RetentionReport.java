package org.polyplex.ingest.media;

/**
 * One retention pass: the spool's disk use after it, and what it deleted.
 *
 * @param usageBytes bytes under the spool's {@code streams/} after the pass
 * @param deleted ended generations deleted (retention over, or the quota)
 */
public record RetentionReport(long usageBytes, int deleted, long freedBytes, int generations) {
}
