package org.polyplex.console.vod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.vod.Series;
import org.polyplex.catalog.vod.SeriesService;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/** Series, read only: the server-paged list with search by title and a category filter, from {@link SeriesService}. */
@Path("/console/series")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class SeriesPage {

    static final int PAGE_SIZE = 50;

    /** One series in the list. */
    @TemplateData
    public record SeriesRow(long id, String name, String group, String genre, String year, String rating,
            boolean enabled) {

        static SeriesRow of(Series s, Map<String, String> groups) {
            return new SeriesRow(s.id, s.name, VodGroups.name(groups, s.categoryId), s.genre == null ? "" : s.genre,
                    s.releaseDate == null ? "" : Integer.toString(s.releaseDate.getYear()),
                    s.rating == null ? "" : s.rating.toPlainString(), s.enabled);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance series(Frame frame, List<SeriesRow> rows, Pager pager, String q, String group,
                List<VodGroups.Group> groups);
    }

    private final SeriesService series;
    private final VodGroups groups;
    private final CurrentSession current;

    SeriesPage(SeriesService series, VodGroups groups, CurrentSession current) {
        this.series = series;
        this.groups = groups;
        this.current = current;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String group, @RestQuery int page) {
        String text = q == null ? "" : q.strip();
        Long groupId = VodGroups.id(group);
        int p = Math.max(0, page);
        var found = series.list(groupId, text.isEmpty() ? null : text, p, PAGE_SIZE);
        List<VodGroups.Group> pickers = groups.of(CategoryKind.SERIES);
        Map<String, String> names = VodGroups.names(pickers);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", text);
        filters.put("group", groupId == null ? "" : groupId.toString());
        return Templates.series(current.frame("series"),
                found.items().stream().map(m -> SeriesRow.of(m, names)).toList(),
                Pager.of("/console/series", filters, p, PAGE_SIZE, found.total()), text,
                groupId == null ? "" : groupId.toString(), pickers);
    }
}
