package org.polyplex.epg.xmltv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes an XMLTV document that validates against the XMLTV DTD, element by element to the given
 * writer: nothing is accumulated, so a full guide streams in constant memory. Pure; the caller
 * owns buffering, compression and closing.
 *
 * <p>
 * Children are written in the order the DTD requires: title, sub-title, desc, category, icon,
 * episode-num. Times are always UTC ({@code +0000}), which every app parses the same way.
 */
public final class XmltvWriter {

    private final Writer out;

    public XmltvWriter(Writer out) {
        this.out = out;
    }

    public void begin(String generator) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n<tv generator-info-name=\"");
        escape(generator);
        out.write("\">\n");
    }

    public void channel(String id, String displayName, String iconUrl) throws IOException {
        channel(id, List.of(displayName), iconUrl);
    }

    /** A channel with its display names, the most canonical first (at least one). */
    public void channel(String id, List<String> displayNames, String iconUrl) throws IOException {
        out.write("  <channel id=\"");
        escape(id);
        out.write("\">\n");
        for (String name : displayNames) {
            out.write("    <display-name>");
            escape(name);
            out.write("</display-name>\n");
        }
        if (iconUrl != null && !iconUrl.isBlank()) {
            out.write("    <icon src=\"");
            escape(iconUrl);
            out.write("\"/>\n");
        }
        out.write("  </channel>\n");
    }

    /** Writes one programme under the given channel id (the id the guide's channel element uses). */
    public void programme(String channelId, XmltvProgramme p) throws IOException {
        out.write("  <programme start=\"");
        out.write(XmltvTime.format(p.start()));
        out.write("\" stop=\"");
        out.write(XmltvTime.format(p.stop()));
        out.write("\" channel=\"");
        escape(channelId);
        out.write("\">\n    <title");
        lang(p.titleLang());
        out.write('>');
        escape(p.title());
        out.write("</title>\n");
        element("sub-title", p.subTitle());
        element("desc", p.description());
        for (String category : p.categories()) {
            element("category", category);
        }
        if (p.iconUrl() != null) {
            out.write("    <icon src=\"");
            escape(p.iconUrl());
            out.write("\"/>\n");
        }
        for (XmltvProgramme.EpisodeNum episode : p.episodeNums()) {
            out.write("    <episode-num system=\"");
            escape(episode.system() == null ? "onscreen" : episode.system());
            out.write("\">");
            escape(episode.value());
            out.write("</episode-num>\n");
        }
        out.write("  </programme>\n");
    }

    public void end() throws IOException {
        out.write("</tv>\n");
        out.flush();
    }

    private void lang(String lang) throws IOException {
        if (lang != null) {
            out.write(" lang=\"");
            escape(lang);
            out.write('"');
        }
    }

    private void element(String name, String text) throws IOException {
        if (text != null && !text.isEmpty()) {
            out.write("    <");
            out.write(name);
            out.write('>');
            escape(text);
            out.write("</");
            out.write(name);
            out.write(">\n");
        }
    }

    /** Escapes markup and drops the characters XML 1.0 forbids (most control characters). */
    private void escape(String s) throws IOException {
        int from = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement;
            switch (c) {
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '&' -> replacement = "&amp;";
                case '"' -> replacement = "&quot;";
                default -> replacement = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                        ? ""
                        : null;
            }
            if (replacement != null) {
                out.write(s, from, i - from);
                out.write(replacement);
                from = i + 1;
            }
        }
        out.write(s, from, n - from);
    }
}
