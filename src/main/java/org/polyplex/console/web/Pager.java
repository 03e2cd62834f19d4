package org.polyplex.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.qute.TemplateData;

/**
 * Previous and next links of a server-paged list, keeping the list's filters. {@code page} is
 * zero-based, as in the API.
 */
@TemplateData
public record Pager(int page, int size, long total, String base) {

    public static Pager of(String path, Map<String, String> filters, int page, int size, long total) {
        String query = filters.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new Pager(page, size, total, path + "?" + (query.isEmpty() ? "" : query + "&"));
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public String previous() {
        return base + "page=" + (page - 1);
    }

    public String next() {
        return base + "page=" + (page + 1);
    }

    /** "21–40 of 95", or "none". */
    public String summary() {
        if (total == 0) {
            return "none";
        }
        long from = (long) page * size + 1;
        long to = Math.min(total, (long) (page + 1) * size);
        return from > total ? "page " + (page + 1) + " of none" : from + "–" + to + " of " + total;
    }
}
