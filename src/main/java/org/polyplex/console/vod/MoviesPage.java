package org.polyplex.console.vod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.MovieService;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/** Movies, read only: the server-paged list with search by title and a category filter, from {@link MovieService}. */
@Path("/console/movies")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class MoviesPage {

    static final int PAGE_SIZE = 50;

    /** One movie in the list. */
    @TemplateData
    public record MovieRow(long id, String name, String group, String genre, String year, String duration,
            String container, boolean enabled) {

        static MovieRow of(Movie m, Map<String, String> groups) {
            return new MovieRow(m.id, m.name, VodGroups.name(groups, m.categoryId), m.genre == null ? "" : m.genre,
                    m.releaseDate == null ? "" : Integer.toString(m.releaseDate.getYear()),
                    m.durationSeconds == null ? "" : m.durationSeconds / 60 + " min", m.containerExtension,
                    m.enabled);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance movies(Frame frame, List<MovieRow> rows, Pager pager, String q, String group,
                List<VodGroups.Group> groups);
    }

    private final MovieService movies;
    private final VodGroups groups;
    private final CurrentSession current;

    MoviesPage(MovieService movies, VodGroups groups, CurrentSession current) {
        this.movies = movies;
        this.groups = groups;
        this.current = current;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String group, @RestQuery int page) {
        String text = q == null ? "" : q.strip();
        Long groupId = VodGroups.id(group);
        int p = Math.max(0, page);
        var found = movies.list(groupId, text.isEmpty() ? null : text, p, PAGE_SIZE);
        List<VodGroups.Group> pickers = groups.of(CategoryKind.MOVIE);
        Map<String, String> names = VodGroups.names(pickers);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", text);
        filters.put("group", groupId == null ? "" : groupId.toString());
        return Templates.movies(current.frame("movies"),
                found.items().stream().map(m -> MovieRow.of(m, names)).toList(),
                Pager.of("/console/movies", filters, p, PAGE_SIZE, found.total()), text,
                groupId == null ? "" : groupId.toString(), pickers);
    }
}
