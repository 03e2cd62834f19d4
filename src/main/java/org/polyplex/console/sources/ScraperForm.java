package org.polyplex.console.sources;

import java.util.Locale;

import org.polyplex.console.web.FormErrors;
import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.qute.TemplateData;

/**
 * The scraper source form as posted, fields named as in {@code /api/scraper-sources}; the
 * password is write-only (empty keeps the stored one).
 */
@TemplateData
public record ScraperForm(String url, String type, boolean enabled, String intervalMinutes, String categoryId,
        String priority, String maxConnections, String username, String password) {

    /** The types offered, as the API writes them. */
    public static final String[] TYPES = { "auto", "json", "m3u", "html", "xtream" };

    static ScraperForm blank() {
        return new ScraperForm("", "auto", true, "60", "", "0", "", "", "");
    }

    static ScraperForm of(ScraperSource source) {
        return new ScraperForm(source.url, source.type.wire(), source.enabled, Numbers.text(source.intervalMinutes),
                Numbers.text(source.categoryId), Numbers.text(source.priority), Numbers.text(source.maxConnections),
                Numbers.text(source.username), "");
    }

    public String[] types() {
        return TYPES;
    }

    /** The API input, or null with the reasons in {@code errors}. */
    ScraperSourceInput toInput(FormErrors errors) {
        SourceType kind = null;
        if (type != null && !type.isBlank()) {
            try {
                kind = SourceType.fromWire(type.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("type", "must be auto, json, m3u, html or xtream");
            }
        }
        Integer interval = Numbers.integer("intervalMinutes", intervalMinutes, errors);
        Integer category = Numbers.integer("categoryId", categoryId, errors);
        Integer rank = Numbers.integer("priority", priority, errors);
        Integer max = Numbers.integer("maxConnections", maxConnections, errors);
        if (errors.any()) {
            return null;
        }
        return new ScraperSourceInput(url == null ? "" : url.strip(), kind, enabled, interval,
                category == null ? null : category.longValue(), rank, max, Numbers.blankToNull(username),
                password == null || password.isEmpty() ? null : password);
    }
}
