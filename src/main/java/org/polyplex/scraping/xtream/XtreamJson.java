package org.polyplex.scraping.xtream;

import com.fasterxml.jackson.databind.JsonNode;

/** How provider JSON values are read: panels send numbers as strings and strings as numbers. Pure. */
final class XtreamJson {

    private XtreamJson() {
    }

    /** A scalar field as stripped text; null when missing, null, a container or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** A whole number from 0 to {@code max} written as digits (a JSON number or a string); else null. */
    static Integer number(String text, int max) {
        if (text == null || !text.matches("\\d{1,9}")) {
            return null;
        }
        int n = Integer.parseInt(text);
        return n <= max ? n : null;
    }

    /** The entry's {@code container_extension} when it is 1-10 letters or digits, else {@code mp4}. */
    static String extension(JsonNode node) {
        String ext = text(node, "container_extension");
        return ext != null && ext.matches("[A-Za-z0-9]{1,10}") ? ext : "mp4";
    }

    /** An http(s) image URL that fits the catalog's columns, else null. */
    static String image(String url) {
        return url != null && url.matches("https?://\\S{1,2040}") ? url : null;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
