package org.polyplex.console.catalog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.CategoryInput;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/** Categories: the paged list by kind with search, a create form, delete. Writes go through {@link CategoryService}. */
@Path("/console/categories")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class CategoriesResource {

    static final int PAGE_SIZE = 50;

    /** One category in the list. */
    @TemplateData
    public record CategoryRow(long id, String name, String kind, int sortOrder) {
    }

    /** The create form as posted. */
    @TemplateData
    public record CategoryForm(String name, String kind, String sortOrder) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance categories(Frame frame, List<CategoryRow> rows, Pager pager, String q,
                String kind, CategoryForm form, FormErrors errors);
    }

    private final CategoryService categories;
    private final CurrentSession current;
    private final Validator validator;

    CategoriesResource(CategoryService categories, CurrentSession current, Validator validator) {
        this.categories = categories;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String kind, @RestQuery int page) {
        return page(q, kind, page, new CategoryForm("", kind == null || kind.isBlank() ? "live" : kind, "0"),
                FormErrors.none());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String kind,
            @RestForm String sortOrder) {
        current.requireToken(csrf);
        CategoryForm form = new CategoryForm(name, kind, sortOrder);
        FormErrors errors = FormErrors.none();
        CategoryKind k = null;
        try {
            k = CategoryKind.fromWire(kind);
        } catch (IllegalArgumentException e) {
            errors.add("kind", e.getMessage());
        }
        Integer order = null;
        try {
            order = sortOrder == null || sortOrder.isBlank() ? null : Integer.valueOf(sortOrder.strip());
        } catch (NumberFormatException e) {
            errors.add("sortOrder", "must be a whole number");
        }
        CategoryInput input = new CategoryInput(name == null ? "" : name.strip(), k, null, order);
        validator.validate(input).forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        if (!errors.any()) {
            try {
                categories.create(input);
                return Response.seeOther(URI.create("/console/categories?kind=" + k.wire())).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(page(null, kind, 0, form, errors)).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        String kind;
        try {
            kind = categories.get(id).kind.wire();
            categories.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/categories?kind=" + kind)).build();
    }

    private TemplateInstance page(String q, String kind, int page, CategoryForm form, FormErrors errors) {
        CategoryKind k = kind == null || kind.isBlank() ? null : parse(kind);
        int p = Math.max(0, page);
        var found = categories.list(k, null, q == null || q.isBlank() ? null : q.strip(), p, PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", q);
        filters.put("kind", k == null ? "" : k.wire());
        List<CategoryRow> rows = found.items().stream()
                .map(c -> new CategoryRow(c.id, c.name, c.kind.wire(), c.sortOrder)).toList();
        return Templates.categories(current.frame("categories"), rows,
                Pager.of("/console/categories", filters, p, PAGE_SIZE, found.total()), q == null ? "" : q,
                k == null ? "" : k.wire(), form, errors);
    }

    private static CategoryKind parse(String kind) {
        try {
            return CategoryKind.fromWire(kind);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
