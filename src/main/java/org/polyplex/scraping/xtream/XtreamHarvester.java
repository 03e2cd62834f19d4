package org.polyplex.scraping.xtream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.polyplex.catalog.importing.ImportedEpisodes;
import org.polyplex.catalog.importing.ProviderArchive;
import org.polyplex.scraping.fetch.Fetched;
import org.polyplex.scraping.parser.EntryCollector;
import org.polyplex.scraping.parser.Harvest;
import org.polyplex.scraping.parser.ParseResult;
import org.polyplex.scraping.parser.ScrapedChannel;
import org.polyplex.scraping.parser.ScrapedVod;
import org.polyplex.scraping.source.ScrapeFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an Xtream Codes provider account through its {@code player_api.php}: the login (for the
 * account's stream cap), then categories, live streams, movies and series. Stream URLs follow
 * the provider's layout ({@code /live/u/p/id.ts}, {@code /movie/u/p/id.ext},
 * {@code /series/u/p/id.ext}). With a {@link SeriesEpisodes} reader, the seasons and episodes of
 * new and changed series are read too ({@code get_series_info}, one request per series). Pure
 * apart from the fetch functions it is given.
 */
public final class XtreamHarvester {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Function<String, Fetched> fetch;
    private final int maxEntries;
    private final SeriesEpisodes episodes;

    /** A harvester that imports series as entries only, without their episodes. */
    public XtreamHarvester(Function<String, Fetched> fetch, int maxEntries) {
        this(fetch, maxEntries, null);
    }

    /** @param episodes reads series episodes; null to import series without them */
    public XtreamHarvester(Function<String, Fetched> fetch, int maxEntries, SeriesEpisodes episodes) {
        this.fetch = fetch;
        this.maxEntries = maxEntries;
        this.episodes = episodes;
    }

    /** The account's base URL: the source URL without {@code /player_api.php}, query or trailing slash. */
    public static String baseUrl(String url) {
        String base = url.strip().replaceFirst("[?#].*$", "").replaceFirst("/player_api\\.php$", "");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Harvest harvest(String url, String username, String password) {
        if (username == null || password == null) {
            throw new ScrapeFailure("an xtream source needs a username and a password");
        }
        String base = baseUrl(url);
        String api = base + "/player_api.php?username=" + enc(username) + "&password=" + enc(password);
        JsonNode login = login(api);
        Integer cap = cap(login);
        String zone = text(login.path("server_info"), "timezone");
        String u = enc(username);
        String p = enc(password);

        EntryCollector live = new EntryCollector(maxEntries);
        Map<String, ProviderArchive> archives = new HashMap<>();
        Map<String, String> liveGroups = categories(api + "&action=get_live_categories");
        for (JsonNode s : array(api + "&action=get_live_streams")) {
            String id = id(s, "stream_id");
            if (id == null) {
                live.skip("live stream without a valid stream_id: '" + text(s, "name") + "'");
                continue;
            }
            live.add(text(s, "name"), base + "/live/" + u + "/" + p + "/" + id + ".ts", text(s, "epg_channel_id"),
                    text(s, "stream_icon"), liveGroups.get(text(s, "category_id")), null, id);
            ProviderArchive archive = ProviderArchive.of(text(s, "tv_archive"), text(s, "tv_archive_duration"), zone);
            if (archive.days() > 0) {
                archives.put(id, archive);
            }
        }
        ParseResult channels = live.result();
        List<ScrapedChannel> listed = archives.isEmpty() ? channels.channels()
                : channels.channels().stream()
                        .map(c -> c.withArchive(archives.getOrDefault(c.providerId(), ProviderArchive.NONE))).toList();
        List<String> reasons = new ArrayList<>(channels.skipReasons());
        int[] skipped = { channels.skipped() };
        List<ScrapedVod> movies = vod(api, "get_vod_categories", "get_vod_streams", "stream_id", "stream_icon", reasons,
                skipped,
                (id, s) -> base + "/movie/" + u + "/" + p + "/" + id + "." + extension(s));
        // provider series id -> its last_modified ("" when it names none), in listing order
        Map<String, String> versions = new LinkedHashMap<>();
        List<ScrapedVod> series = vod(api, "get_series_categories", "get_series", "series_id", "cover", reasons, skipped,
                (id, s) -> {
                    String modified = text(s, "last_modified");
                    versions.put(id, modified == null ? "" : cut(modified, 64));
                    return null;
                });
        List<String> warnings = new ArrayList<>(channels.warnings());
        List<ImportedEpisodes> read = List.of();
        if (episodes != null) {
            SeriesEpisodes.Result result = episodes.read(api, base + "/series/" + u + "/" + p + "/", versions);
            read = result.episodes();
            warnings.addAll(result.warnings());
        }
        return new Harvest(listed, movies, series, skipped[0], reasons.subList(0, Math.min(20, reasons.size())),
                warnings, cap, read);
    }

    /** The login answer, once the account is known to be usable. */
    private JsonNode login(String api) {
        JsonNode root = json(api);
        JsonNode user = root.path("user_info");
        if (!user.isObject() || !"1".equals(user.path("auth").asText())) {
            throw new ScrapeFailure("the provider rejected the account's credentials");
        }
        String status = user.path("status").asText("Active");
        if (!status.isEmpty() && !status.equalsIgnoreCase("Active")) {
            throw new ScrapeFailure("the provider account is " + status);
        }
        return root;
    }

    private static Integer cap(JsonNode root) {
        JsonNode user = root.path("user_info");
        String max = user.path("max_connections").asText("");
        return max.matches("\\d{1,5}") && Integer.parseInt(max) > 0 ? Integer.valueOf(max) : null;
    }

    private interface UrlMaker {
        String url(String id, JsonNode stream);
    }

    private List<ScrapedVod> vod(String api, String categoriesAction, String listAction, String idField, String imageField,
            List<String> reasons, int[] skipped, UrlMaker urls) {
        Map<String, String> groups = categories(api + "&action=" + categoriesAction);
        List<ScrapedVod> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode s : array(api + "&action=" + listAction)) {
            String id = id(s, idField);
            String name = text(s, "name");
            String why = id == null ? "without a valid " + idField
                    : name == null ? "without a name" : !ids.add(id) ? "listed twice" : null;
            if (why != null) {
                skipped[0]++;
                reasons.add(listAction.substring(4) + " entry " + why);
                continue;
            }
            if (out.size() >= maxEntries) {
                throw new ScrapeFailure("more than " + maxEntries + " entries (polyplex.scraping.max-entries)");
            }
            String image = text(s, imageField);
            out.add(new ScrapedVod(id, cut(name, 300), urls.url(id, s), extension(s),
                    image != null && image.matches("https?://\\S{1,2040}") ? image : null, cut(text(s, "plot"), 4000),
                    groups.get(text(s, "category_id"))));
        }
        return out;
    }

    private Map<String, String> categories(String url) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode c : array(url)) {
            String id = text(c, "category_id");
            String name = text(c, "category_name");
            if (id != null && name != null) {
                names.put(id, name);
            }
        }
        return names;
    }

    private JsonNode array(String url) {
        JsonNode root = json(url);
        if (root.isArray()) {
            return root;
        }
        if (root.isObject() && root.isEmpty()) {
            return MAPPER.createArrayNode(); // some panels answer {} for "none"
        }
        throw new ScrapeFailure("the provider answered something other than a list");
    }

    private JsonNode json(String url) {
        Fetched fetched = fetch.apply(url);
        try {
            return MAPPER.readTree(fetched.body());
        } catch (Exception e) {
            throw new ScrapeFailure("the provider answered malformed JSON");
        }
    }

    private static String id(JsonNode node, String field) {
        String value = text(node, field);
        return value != null && value.matches("\\d{1,12}") ? value : null;
    }

    private static String extension(JsonNode node) {
        return XtreamJson.extension(node);
    }

    private static String text(JsonNode node, String field) {
        return XtreamJson.text(node, field);
    }

    private static String cut(String s, int max) {
        return XtreamJson.cut(s, max);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
