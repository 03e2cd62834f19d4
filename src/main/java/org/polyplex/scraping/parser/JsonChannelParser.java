package org.polyplex.scraping.parser;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.source.ScrapeFailure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Channel lists in JSON: {@code {"channels":[{"id","name","category","logo"}]}} and the common
 * variants: a top-level array; another list key ({@code items}, {@code streams}, {@code data},
 * {@code results}); nested {@code categories[].channels}; and the id under {@code id},
 * {@code acestream_id}, {@code infohash}, {@code content_id}, {@code url} or {@code link}. Read as a token stream, one list
 * item at a time
 * (only its scalar fields are kept), so memory stays bounded by the entries, not by the document,
 * and the entry cap stops the read as soon as it is passed. A category's name counts as the group
 * of its nested {@code channels} when it comes before them, as it does in the lists we know. Pure.
 */
public final class JsonChannelParser {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    // Keys that name a list, never a group: {"links": [...]} is a list of links, not a category "links".
    private static final List<String> LIST_KEYS = List.of("channels", "items", "streams", "data", "results", "categories",
            "groups", "links", "list", "entries", "playlist", "playlists", "sources", "urls", "stations", "records",
            "rows", "content", "response", "payload");
    private static final List<String> ID_KEYS = List.of("url", "stream_url", "link", "acestream_id", "acestream", "infohash",
            "content_id", "id");
    private static final List<String> NAME_KEYS = List.of("name", "title", "channel", "channel_name");
    private static final List<String> GROUP_KEYS = List.of("category", "group", "group_title", "genre");
    private static final List<String> LOGO_KEYS = List.of("logo", "icon", "image", "tvg_logo", "logo_url");
    private static final List<String> EPG_KEYS = List.of("tvg_id", "epg_id", "epg_channel_id", "xmltv_id");
    private static final List<String> NUMBER_KEYS = List.of("number", "chno", "num", "channel_number");
    private static final int MAX_DEPTH = 4;
    private static final int MAX_FIELDS = 100;

    private JsonChannelParser() {
    }

    public static ParseResult parse(byte[] body, int maxEntries) {
        EntryCollector out = new EntryCollector(maxEntries);
        boolean any;
        try (JsonParser p = FACTORY.createParser(body)) {
            any = collect(p, out);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new ScrapeFailure("malformed JSON" + (where == null ? ""
                    : " at line " + where.getLineNr()
                            + ", column " + where.getColumnNr())
                    + ": " + Redaction.text(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScrapeFailure("unreadable JSON: " + Redaction.message(e));
        }
        if (!any) {
            throw new ScrapeFailure("malformed JSON: empty document");
        }
        return out.result();
    }

    /** Reads the next JSON value from {@code p} and adds its channels; false when there is none. */
    static boolean collect(JsonParser p, EntryCollector out) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return false;
        }
        if (t == JsonToken.START_ARRAY) {
            array(p, null, out, 0);
        } else if (t == JsonToken.START_OBJECT) {
            root(p, out);
        } else {
            p.skipChildren();
        }
        return true;
    }

    /**
     * The root object: the first array under a list key ({@code channels}, {@code items},
     * {@code links}...) in document order, without a group (a key that names a list is no
     * category); arrays under other keys before it are read as a map of group name to list.
     */
    private static void root(JsonParser p, EntryCollector out) throws IOException {
        boolean listRead = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.START_ARRAY || listRead) {
                p.skipChildren();
            } else if (LIST_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                listRead = true;
                array(p, null, out, 1);
            } else {
                array(p, key, out, 1);
            }
        }
    }

    private static void array(JsonParser p, String group, EntryCollector out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            p.skipChildren();
            return;
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("unexpected end of input");
            }
            if (t == JsonToken.START_OBJECT) {
                item(p, group, out, depth);
            } else if (t == JsonToken.VALUE_STRING) {
                out.add(null, p.getText(), null, null, group, null);
            } else {
                p.skipChildren();
                out.skip("list item is not an object");
            }
        }
    }

    private static void item(JsonParser p, String group, EntryCollector out, int depth) throws IOException {
        Map<String, String> fields = new HashMap<>();
        boolean category = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY && key.equals("channels")) {
                category = true;
                String name = first(fields, NAME_KEYS);
                array(p, name != null ? name : group, out, depth + 1);
            } else if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                p.skipChildren();
            } else if ((value == JsonToken.VALUE_STRING || value.isNumeric()) && fields.size() < MAX_FIELDS) {
                String text = p.getText();
                if (!text.isBlank()) {
                    fields.put(key, text);
                }
            }
        }
        if (category) {
            return;
        }
        String itemGroup = first(fields, GROUP_KEYS);
        Integer number = null;
        String numberText = first(fields, NUMBER_KEYS);
        if (numberText != null && numberText.matches("\\d{1,7}")) {
            number = Integer.valueOf(numberText);
        }
        out.add(first(fields, NAME_KEYS), first(fields, ID_KEYS), first(fields, EPG_KEYS), first(fields, LOGO_KEYS),
                itemGroup != null ? itemGroup : group, number);
    }

    private static String first(Map<String, String> item, List<String> keys) {
        for (String key : keys) {
            String value = item.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
