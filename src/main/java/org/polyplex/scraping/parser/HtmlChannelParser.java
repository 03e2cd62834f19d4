package org.polyplex.scraping.parser;

import java.io.IOException;
import java.util.Locale;

import org.polyplex.platform.AceStreamId;
import org.polyplex.scraping.source.ScrapeFailure;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Channel lists in HTML pages, with jsoup: {@code acestream://} links named by their visible
 * text, bare AceStream ids in text (named by the text around them), JSON in {@code <script>}
 * blocks, and links to M3U files, which the caller follows once. Pure.
 */
public final class HtmlChannelParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HtmlChannelParser() {
    }

    public static ParseResult parse(String html, String baseUri, int maxEntries) {
        Document doc = Jsoup.parse(html, baseUri);
        EntryCollector out = new EntryCollector(maxEntries);
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href").strip();
            if (href.regionMatches(true, 0, "acestream:", 0, 10)) {
                String name = a.text().isBlank() ? a.attr("title") : a.text();
                out.add(name, href, null, null, null, null);
            } else if (isPlaylistLink(a.absUrl("href"))) {
                out.link(a.absUrl("href"));
            }
        }
        for (Element script : doc.select("script")) {
            scriptJson(script.data(), out);
        }
        idsInText(doc, out);
        return out.result();
    }

    private static boolean isPlaylistLink(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return false;
        }
        String path = url.toLowerCase(Locale.ROOT).replaceFirst("[?#].*$", "");
        return path.endsWith(".m3u") || path.endsWith(".m3u8");
    }

    /** JSON literals in scripts: a whole JSON block, or the first literal after an {@code =}. */
    private static void scriptJson(String data, EntryCollector out) {
        String s = data.strip();
        if (s.isEmpty()) {
            return;
        }
        int start = s.startsWith("{") || s.startsWith("[") ? 0 : literalAfterAssignment(s);
        if (start < 0) {
            return;
        }
        try (JsonParser parser = MAPPER.createParser(s.substring(start))) {
            JsonChannelParser.collect(parser, out);
        } catch (ScrapeFailure e) {
            throw e; // the entry cap
        } catch (IOException | RuntimeException e) {
            out.warn("a <script> block holds no readable JSON");
        }
    }

    private static int literalAfterAssignment(String s) {
        int eq = s.indexOf('=');
        while (eq >= 0) {
            int i = eq + 1;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[')) {
                return i;
            }
            eq = s.indexOf('=', eq + 1);
        }
        return -1;
    }

    /** Bare ids in text, named by what else the text node says (e.g. "Sports 1: <id>"). */
    private static void idsInText(Document doc, EntryCollector out) {
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text && !(node.parent() instanceof Element e && e.normalName().equals("script"))) {
                String content = text.text();
                if (content.length() < 40) {
                    return;
                }
                for (AceStreamId.Found found : AceStreamId.findIn(content)) {
                    String url = found.id().toUrl();
                    if (!out.knows(url)) {
                        String written = content.substring(found.start(), found.end());
                        String name = content.replace(written, " ").replaceAll("[:\\-|]+\\s*$", "").strip();
                        out.add(name.isEmpty() || name.length() > 120 ? null : name, url, null, null, null, null);
                    }
                }
            }
        }, doc.body());
    }
}
