package org.polyplex.catalog.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.catalog.CategoryInput;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/categories}: filters {@code kind}, {@code parentId}, {@code q}. */
@Path("/api/categories")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CategoryResource {

    private final CategoryService categories;
    private final ApiConfig api;

    CategoryResource(CategoryService categories, ApiConfig api) {
        this.categories = categories;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("kind") CategoryKind kind, @QueryParam("parentId") Long parentId,
            @QueryParam("q") String q, @BeanParam PageRequest page) {
        return categories.list(kind, parentId, q, page.page(), page.size(api)).map(CategoryView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public CategoryView get(@PathParam("id") long id) {
        return CategoryView.of(categories.get(id));
    }

    @POST
    public Response create(@Valid @NotNull CategoryInput input) {
        CategoryView created = CategoryView.of(categories.create(input));
        return Response.created(URI.create("/api/categories/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public CategoryView update(@PathParam("id") long id, @Valid @NotNull CategoryInput input) {
        return CategoryView.of(categories.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        categories.delete(id);
        return Response.noContent().build();
    }
}
