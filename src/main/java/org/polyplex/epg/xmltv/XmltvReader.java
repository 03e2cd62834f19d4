package org.polyplex.epg.xmltv;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Streaming, hardened XMLTV reader. Pure: no CDI, no I/O beyond the given stream.
 *
 * <p>
 * Memory stays bounded whatever the file holds: one {@code <programme>} is held at a time, an
 * attribute value or a text node over its {@link XmltvLimits} fails the document (before it is read
 * whole), kept text is cut at {@link #MAX_TEXT} characters, and the per-channel state is two
 * longs per declared channel. DTDs are neither loaded nor processed, so external entities (XXE) and entity expansion
 * (billion laughs) cannot happen: an entity reference other than the five predefined ones fails
 * the document.
 *
 * <p>
 * Records are validated here: a programme for an undeclared channel, with a bad time, without a
 * title, stopping before it starts, or overlapping the previous programme of its channel is
 * reported to {@link XmltvSink#skipped} and left out.
 *
 * <p>
 * {@code stop} is optional in XMLTV: a programme without it ends where the next programme of its
 * channel starts (as tv_sort, Kodi and TVHeadend read it), at most {@link XmltvLimits#maxOpenLength}
 * after its start; the last one of a channel lasts that bound. Such a programme is held (one per
 * channel) until the next one of its channel, or the end of the document, says when it ends.
 */
public final class XmltvReader {

    /** Longest text kept from one element; longer text is cut. */
    public static final int MAX_TEXT = 8000;

    private final XMLInputFactory factory;
    private final Duration offset;
    private final XmltvLimits limits;

    /** @param offset added to every programme time (the source's correction) */
    public XmltvReader(Duration offset) {
        this(offset, XmltvLimits.DEFAULT);
    }

    /**
     * @param offset added to every programme time (the source's correction)
     * @param limits size limits of the document
     */
    public XmltvReader(Duration offset, XmltvLimits limits) {
        this.offset = offset;
        this.limits = limits;
        // Woodstox, named rather than looked up, so the hardening and the limits below always
        // apply: the JDK's parser has no bound on one attribute or text node, and a 300 MB
        // attribute would sit whole in the heap before any check of ours could run.
        factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxAttributeLength());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
    }

    /** Reads the whole document; throws {@link XmltvFormatException} when it is not well-formed. */
    public void read(InputStream in, XmltvSink sink) {
        XMLStreamReader r = null;
        try {
            // Names have no limit in the parser: a bound on any run between delimiters covers them.
            r = factory.createXMLStreamReader(new TokenLimitInputStream(in, 4L * limits.maxTextLength()));
            new Pass(r, sink).run();
        } catch (XMLStreamException e) {
            throw XmltvFormatException.malformed(e, e);
        } catch (RuntimeException e) {
            if (e instanceof XmltvFormatException) {
                throw e;
            }
            if (e.getCause() instanceof XMLStreamException cause) {
                // Woodstox reports some errors (a comment over the limit) from lazy parsing, wrapped.
                throw XmltvFormatException.malformed(cause, e);
            }
            throw new XmltvFormatException("unreadable XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // the stream is the caller's to close
                }
            }
        }
    }

    /** A programme without stop: its start and what was read of it. */
    private record Open(Instant start, ProgrammeBuilder builder) {
    }

    /** One read of one document; holds the per-channel validation state. */
    private final class Pass {

        private final XMLStreamReader r;
        private final XmltvSink sink;
        // channel id -> {last start, last stop} in epoch seconds, for the overlap check
        private final Map<String, long[]> channels = new HashMap<>();
        // channel id -> its programme without stop, waiting for the next one of the channel
        private final Map<String, Open> open = new LinkedHashMap<>();
        private boolean sawTv;

        Pass(XMLStreamReader r, XmltvSink sink) {
            this.r = r;
            this.sink = sink;
        }

        void run() throws XMLStreamException {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "tv" -> sawTv = true;
                    case "channel" -> channel();
                    case "programme" -> programme();
                    default -> skipElement();
                }
            }
            if (!sawTv) {
                throw new XMLStreamException("not an XMLTV document: no <tv> element");
            }
            // The last programme of a channel without stop: nothing follows it, it lasts the bound.
            for (var last : open.entrySet()) {
                Open o = last.getValue();
                accept(last.getKey(), o.start(), o.start().plus(limits.maxOpenLength()), o.builder());
            }
            open.clear();
        }

        private void channel() throws XMLStreamException {
            String id = r.getAttributeValue(null, "id");
            List<String> names = new ArrayList<>();
            String icon = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "display-name" -> names.add(text());
                    case "icon" -> {
                        icon = icon == null ? r.getAttributeValue(null, "src") : icon;
                        skipElement();
                    }
                    default -> skipElement();
                }
            }
            if (id == null || id.isBlank()) {
                sink.skipped("channel without id");
                return;
            }
            channels.putIfAbsent(id.strip(), new long[] { Long.MIN_VALUE, Long.MIN_VALUE });
            sink.channel(new XmltvChannel(id.strip(), List.copyOf(names), icon));
        }

        private void programme() throws XMLStreamException {
            String channel = r.getAttributeValue(null, "channel");
            String startText = r.getAttributeValue(null, "start");
            String stopText = r.getAttributeValue(null, "stop");
            ProgrammeBuilder b = new ProgrammeBuilder();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "title" -> b.title(r.getAttributeValue(null, "lang"), text());
                    case "sub-title" -> b.subTitle(text());
                    case "desc" -> b.description(text());
                    case "category" -> b.category(text());
                    case "episode-num" -> b.episode(r.getAttributeValue(null, "system"), text());
                    case "icon" -> {
                        b.icon(r.getAttributeValue(null, "src"));
                        skipElement();
                    }
                    default -> skipElement();
                }
            }
            String id = channel == null ? null : channel.strip();
            long[] state = id == null ? null : channels.get(id);
            if (state == null) {
                sink.skipped("unknown channel");
                return;
            }
            Instant start = XmltvTime.parse(startText).orElse(null);
            if (start == null) {
                sink.skipped("bad or missing start");
                return;
            }
            // A start of the channel: the programme without stop before it ends here.
            closeOpen(id, start);
            boolean noStop = stopText == null || stopText.isBlank();
            Instant stop = noStop ? null : XmltvTime.parse(stopText).orElse(null);
            if (!noStop && stop == null) {
                sink.skipped("bad stop");
                return;
            }
            if (b.title == null || b.title.isBlank()) {
                sink.skipped("missing title");
                return;
            }
            if (noStop) {
                open.put(id, new Open(start, b));
                return;
            }
            accept(id, start, stop, b);
        }

        /** Ends the channel's programme without stop, if any, at {@code next} (within the bound). */
        private void closeOpen(String id, Instant next) {
            Open o = open.remove(id);
            if (o == null) {
                return;
            }
            Instant bound = o.start().plus(limits.maxOpenLength());
            // Out of order (next at or before its start): only the bound is known.
            Instant stop = next.isAfter(o.start()) && next.isBefore(bound) ? next : bound;
            accept(id, o.start(), stop, o.builder());
        }

        private void accept(String id, Instant start, Instant stop, ProgrammeBuilder b) {
            long[] state = channels.get(id);
            if (!stop.isAfter(start)) {
                sink.skipped("stop before start");
                return;
            }
            long startSecond = start.getEpochSecond();
            // Files list each channel in time order; a programme starting inside the previous one
            // of its channel is a duplicate or an overlap. Out-of-order records are accepted.
            if (startSecond >= state[0] && startSecond < state[1]) {
                sink.skipped("overlapping programme");
                return;
            }
            state[0] = startSecond;
            state[1] = stop.getEpochSecond();
            sink.programme(b.build(id, start.plus(offset), stop.plus(offset)));
        }

        /** The element's text, cut at {@link #MAX_TEXT}; leaves the reader on its end tag. */
        private String text() throws XMLStreamException {
            StringBuilder out = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> depth++;
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth == 1 && out.length() < MAX_TEXT) {
                            int room = MAX_TEXT - out.length();
                            out.append(r.getTextCharacters(), r.getTextStart(), Math.min(room, r.getTextLength()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                            "entity reference &" + r.getLocalName() + "; refused");
                    case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside an element");
                    default -> {
                    }
                }
            }
            return out.toString().strip();
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("document ends inside an element");
                }
            }
        }
    }
}
