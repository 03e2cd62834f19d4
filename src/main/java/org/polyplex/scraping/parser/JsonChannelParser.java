package org.polyplex.scraping.parser;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.polyplex.platform.Redaction;
import org.polyplex.scraping.ScrapeFailure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Channel lists in JSON: {@code {"channels":[{"id","name","category","logo"}]}} and the common
 * variants: a top-level array; another list key ({@code items}, {@code streams}, {@code data},
 * {@code results}); nested {@code categories[].channels}; and the id under {@code id},
 * {@code acestream_id}, {@code infohash}, {@code content_id}, {@code url} or {@code link}. Pure.
 */
public final class JsonChannelParser {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false);
    private static final List<String> LIST_KEYS = List.of("channels", "items", "streams", "data", "results", "categories",
            "groups");
    private static final List<String> ID_KEYS = List.of("url", "stream_url", "link", "acestream_id", "acestream", "infohash",
            "content_id", "id");
    private static final List<String> NAME_KEYS = List.of("name", "title", "channel", "channel_name");
    private static final List<String> GROUP_KEYS = List.of("category", "group", "group_title", "genre");
    private static final List<String> LOGO_KEYS = List.of("logo", "icon", "image", "tvg_logo", "logo_url");
    private static final List<String> EPG_KEYS = List.of("tvg_id", "epg_id", "epg_channel_id", "xmltv_id");
    private static final List<String> NUMBER_KEYS = List.of("number", "chno", "num", "channel_number");
    private static final int MAX_DEPTH = 4;

    private JsonChannelParser() {
    }

    public static ParseResult parse(byte[] body, int maxEntries) {
        EntryCollector out = new EntryCollector(maxEntries);
        collect(readTree(body), out);
        return out.result();
    }

    /** Parses the JSON value and adds its channels; a document with no list of channels adds none. */
    static void collect(JsonNode root, EntryCollector out) {
        walk(root, null, out, 0);
    }

    static JsonNode readTree(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new ScrapeFailure("malformed JSON: empty document");
            }
            return root;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new ScrapeFailure("malformed JSON" + (where == null ? ""
                    : " at line " + where.getLineNr()
                            + ", column " + where.getColumnNr())
                    + ": " + Redaction.text(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScrapeFailure("unreadable JSON: " + Redaction.message(e));
        }
    }

    private static void walk(JsonNode node, String group, EntryCollector out, int depth) {
        if (depth > MAX_DEPTH || node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                item(item, group, out, depth);
            }
            return;
        }
        if (node.isObject()) {
            for (String key : LIST_KEYS) {
                if (node.path(key).isArray()) {
                    walk(node.get(key), group, out, depth + 1);
                    return;
                }
            }
            // a map of group name -> list of channels
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var field = it.next();
                if (field.getValue().isArray()) {
                    walk(field.getValue(), field.getKey(), out, depth + 1);
                }
            }
        }
    }

    private static void item(JsonNode item, String group, EntryCollector out, int depth) {
        if (!item.isObject()) {
            if (item.isTextual()) {
                out.add(null, item.asText(), null, null, group, null);
            } else {
                out.skip("list item is not an object");
            }
            return;
        }
        String name = first(item, NAME_KEYS);
        JsonNode nested = item.get("channels");
        if (nested != null && nested.isArray()) {
            walk(nested, name != null ? name : group, out, depth + 1);
            return;
        }
        String id = first(item, ID_KEYS);
        String itemGroup = first(item, GROUP_KEYS);
        Integer number = null;
        String numberText = first(item, NUMBER_KEYS);
        if (numberText != null && numberText.matches("\\d{1,7}")) {
            number = Integer.valueOf(numberText);
        }
        out.add(name, id, first(item, EPG_KEYS), first(item, LOGO_KEYS), itemGroup != null ? itemGroup : group, number);
    }

    private static String first(JsonNode item, List<String> keys) {
        for (String key : keys) {
            JsonNode value = item.get(key);
            if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }
}
