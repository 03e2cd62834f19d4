package org.polyplex.console.lines;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.User;
import org.polyplex.accounts.UserFilter;
import org.polyplex.accounts.UserInput;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.LiveSessions;
import org.polyplex.console.web.Pager;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.web.ApiException;
import org.polyplex.proxy.viewer.ViewerInfo;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.vertx.core.http.HttpServerRequest;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Lines (subscribers and admins): the paged list with search, the form, and the one-click
 * actions (enable or disable, extend, new password, kick a connection, delete). Every write goes
 * through {@link AccountService} with the same {@link UserInput} and validation as
 * {@code /api/users}.
 */
@Path("/console/lines")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class LinesResource {

    static final int PAGE_SIZE = 25;

    private static final Map<String, String> NOTICES = Map.of(
            "saved", "Saved.",
            "enabled", "The line is enabled.",
            "disabled", "The line is disabled: its apps are refused from now on.",
            "extended", "The expiry is extended.",
            "password", "A new password is set. It is shown below this once: copy it now.",
            "kicked", "The connection is closed.",
            "first-address", "The first address is forgotten: the next address that uses the line is recorded.",
            "gone", "That connection had already ended.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Frame frame, List<LineRow> rows, Pager pager, String q, String kind,
                String state);

        static native TemplateInstance create(Frame frame, LineForm form, FormErrors errors,
                List<LineBouquets.Choice> bouquets);

        static native TemplateInstance line(Frame frame, long id, LineRow row, LineForm form, FormErrors errors,
                LineAccess access, List<ViewerInfo> connections, String notice, List<LineBouquets.Choice> bouquets);
    }

    private final AccountService accounts;
    private final CurrentSession current;
    private final Validator validator;
    private final PublicAddressConfig publicAddress;
    private final LiveSessions live;
    private final Clock clock;
    private final LineBouquets bouquets;
    private final LineAccessGuard guard;

    LinesResource(AccountService accounts, CurrentSession current, Validator validator,
            PublicAddressConfig publicAddress, LiveSessions live, Clock clock, LineBouquets bouquets,
            LineAccessGuard guard) {
        this.guard = guard;
        this.bouquets = bouquets;
        this.accounts = accounts;
        this.current = current;
        this.validator = validator;
        this.publicAddress = publicAddress;
        this.live = live;
        this.clock = clock;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String kind, @RestQuery String state,
            @RestQuery int page) {
        String k = kind == null || kind.isBlank() ? "lines" : kind;
        String s = state == null ? "" : state;
        UserFilter filter = new UserFilter();
        filter.q = q == null || q.isBlank() ? null : q.strip();
        filter.admin = switch (k) {
            case "admins" -> Boolean.TRUE;
            case "all" -> null;
            default -> Boolean.FALSE;
        };
        filter.enabled = switch (s) {
            case "enabled" -> Boolean.TRUE;
            case "disabled" -> Boolean.FALSE;
            default -> null;
        };
        int p = Math.max(0, page);
        var found = accounts.list(filter, p, PAGE_SIZE);
        Instant now = clock.instant();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", q);
        filters.put("kind", k);
        filters.put("state", s);
        return Templates.list(current.frame("lines"), found.items().stream().map(u -> LineRow.of(u, now)).toList(),
                Pager.of("/console/lines", filters, p, PAGE_SIZE, found.total()), q == null ? "" : q, k, s);
    }

    @GET
    @Path("new")
    public TemplateInstance blank() {
        return Templates.create(current.frame("lines"), LineForm.blank(), FormErrors.none(),
                bouquets.choices(Set.of()));
    }

    @POST
    public Response create(@BeanParam LineFields fields) {
        current.requireToken(fields.csrf());
        LineForm form = fields.form(bouquets);
        FormErrors errors = FormErrors.none();
        UserInput input = errors.validated(validator, form.toInput(null, errors));
        if (input != null && input.password() == null) {
            errors.add("password", "is required");
        }
        if (!errors.any()) {
            try {
                User user = accounts.create(input);
                current.get().reveal(user.id, input.password());
                return seeOther(user.id, null);
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400)
                .entity(Templates.create(current.frame("lines"), form, errors, bouquets.choices(form.bouquetIds())))
                .build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance line(@RestPath long id, @RestQuery String notice, HttpServerRequest http) {
        User user = find(id);
        return page(user, LineForm.of(user), FormErrors.none(), current.get().takeReveal(id), notice, http);
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @BeanParam LineFields fields, HttpServerRequest http) {
        current.requireToken(fields.csrf());
        User user = find(id);
        LineForm form = fields.form(bouquets);
        FormErrors errors = FormErrors.none();
        UserInput input = errors.validated(validator, form.toInput(user.expiresAt, errors));
        if (!errors.any()) {
            try {
                accounts.update(id, input);
                if (input.password() != null) {
                    current.get().reveal(id, input.password());
                }
                return seeOther(id, "saved");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(page(user, form, errors, null, null, http)).build();
    }

    @POST
    @Path("{id}/enabled")
    public Response enable(@RestPath long id, @RestForm String csrf, @RestForm boolean enabled) {
        current.requireToken(csrf);
        User user = find(id);
        return change(id, input(user, null, user.expiresAt, enabled, user.maxConnections),
                enabled ? "enabled" : "disabled");
    }

    @POST
    @Path("{id}/extend")
    public Response extend(@RestPath long id, @RestForm String csrf, @RestForm int days) {
        current.requireToken(csrf);
        if (days < 1 || days > 3660) {
            throw new ConsoleRefusal(400, "Extend by 1 to 3660 days.");
        }
        User user = find(id);
        Instant now = clock.instant();
        Instant from = user.expiresAt == null || user.expiresAt.isBefore(now) ? now : user.expiresAt;
        return change(id, input(user, null, from.plus(Duration.ofDays(days)), user.enabled, user.maxConnections),
                "extended");
    }

    @POST
    @Path("{id}/password")
    public Response newPassword(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        User user = find(id);
        String password = LineBouquets.newPassword();
        Response answer = change(id, input(user, password, user.expiresAt, user.enabled, user.maxConnections),
                "password");
        current.get().reveal(id, password);
        return answer;
    }

    @POST
    @Path("{id}/first-address")
    public Response resetFirstAddress(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        find(id);
        guard.resetFirstAddress(id);
        return seeOther(id, "first-address");
    }

    @POST
    @Path("{id}/kick")
    public Response kick(@RestPath long id, @RestForm String csrf, @RestForm long viewer) {
        current.requireToken(csrf);
        boolean mine = live.now().viewers().stream().anyMatch(v -> v.id() == viewer && v.userId() == id);
        return seeOther(id, mine && live.kick(viewer) ? "kicked" : "gone");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            accounts.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/lines")).build();
    }

    private TemplateInstance page(User user, LineForm form, FormErrors errors, String revealed, String notice,
            HttpServerRequest http) {
        LineAccess access = LineAccess.of(ServerAddress.of(publicAddress, http), user.username, revealed);
        List<ViewerInfo> connections = live.now().viewers().stream().filter(v -> v.userId() == user.id).toList();
        return Templates.line(current.frame("lines"), user.id, LineRow.of(user, clock.instant()), form, errors, access,
                connections, NOTICES.getOrDefault(notice == null ? "" : notice, ""),
                bouquets.choices(form.bouquetIds()));
    }

    private Response change(long id, UserInput input, String notice) {
        try {
            accounts.update(id, input);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return seeOther(id, notice);
    }

    private User find(long id) {
        try {
            return accounts.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Line " + id + " does not exist.");
        }
    }

    private static UserInput input(User user, String password, Instant expiresAt, boolean enabled, int max) {
        return new UserInput(user.username, password, max, expiresAt, user.trial, enabled, user.admin,
                Set.copyOf(user.bouquetIds));
    }

    private static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/lines/" + id + (notice == null ? "" : "?notice=" + notice)))
                .build();
    }
}
