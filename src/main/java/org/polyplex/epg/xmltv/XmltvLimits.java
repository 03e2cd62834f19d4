package org.polyplex.epg.xmltv;

import java.time.Duration;

/**
 * Limits of one read: the longest attribute value and text node (text, CDATA, comment) in
 * characters and the deepest element nesting (a document over one fails), and the longest a
 * programme without {@code stop} is taken to run.
 */
public record XmltvLimits(int maxAttributeLength, int maxTextLength, int maxDepth, Duration maxOpenLength) {

    /** Default of {@link #maxOpenLength}, as {@code polyplex.epg.parser.max-open-programme-length}. */
    public static final Duration DEFAULT_OPEN_LENGTH = Duration.ofHours(4);

    /** The {@code polyplex.epg.parser.*} defaults. */
    public static final XmltvLimits DEFAULT = new XmltvLimits(65_536, 1_048_576, 64);

    /** Size limits with the default {@link #maxOpenLength}. */
    public XmltvLimits(int maxAttributeLength, int maxTextLength, int maxDepth) {
        this(maxAttributeLength, maxTextLength, maxDepth, DEFAULT_OPEN_LENGTH);
    }
}
