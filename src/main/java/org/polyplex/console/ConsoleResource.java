package org.polyplex.console;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.auth.AdminLogins;
import org.polyplex.console.dashboard.DashboardPage;
import org.polyplex.console.session.ConsoleSession;
import org.polyplex.console.session.ConsoleSessions;
import org.polyplex.console.web.Anonymous;
import org.polyplex.console.web.ConsoleFilter;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.SessionCookie;
import org.polyplex.platform.http.ClientAddress;
import org.polyplex.platform.http.PublicAddressConfig;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.vertx.core.http.HttpServerRequest;

import org.jboss.resteasy.reactive.RestForm;

import io.smallrye.common.annotation.Blocking;

/**
 * Entry point of the web console: {@code GET /} is the dashboard, or the login page when the
 * browser has no live console session; login and logout. Logins go through {@link AdminLogins},
 * the token endpoint's check and throttle. The other pages live in the sub-packages.
 */
@Path("/")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String username, String error);
    }

    private final AdminLogins logins;
    private final ConsoleSessions sessions;
    private final CurrentSession current;
    private final ClientAddress addresses;
    private final PublicAddressConfig publicAddress;
    private final DashboardPage dashboard;

    ConsoleResource(AdminLogins logins, ConsoleSessions sessions, CurrentSession current, ClientAddress addresses,
            PublicAddressConfig publicAddress, DashboardPage dashboard) {
        this.logins = logins;
        this.sessions = sessions;
        this.current = current;
        this.addresses = addresses;
        this.publicAddress = publicAddress;
        this.dashboard = dashboard;
    }

    @GET
    @Anonymous
    public TemplateInstance home() {
        return current.present() ? dashboard.render(current.frame("dashboard")) : Templates.login("", "");
    }

    @POST
    @Path("console/login")
    @Anonymous
    public Response login(@RestForm String username, @RestForm String password, HttpServerRequest http) {
        String user = username == null ? "" : username.strip();
        if (user.isEmpty() || password == null || password.isEmpty()) {
            return page(400, user, "Enter a username and a password.");
        }
        AdminLogins.Outcome outcome = logins.attempt(user, password, addresses.of(http));
        if (outcome instanceof AdminLogins.Throttled throttled) {
            return Response.status(429).header("Retry-After", throttled.seconds())
                    .entity(Templates.login(user, "Too many failed logins; retry in " + throttled.seconds() + " s."))
                    .build();
        }
        if (!(outcome instanceof AdminLogins.Admitted admitted)) {
            return page(401, user, "Invalid username or password, or not an admin account.");
        }
        if (current.present()) {
            sessions.close(current.get().id());
        }
        ConsoleSession session = sessions.open(admitted.account());
        return Response.seeOther(URI.create("/"))
                .cookie(SessionCookie.of(session.id(), sessions.ttl(), ConsoleFilter.secure(publicAddress, http)))
                .build();
    }

    @POST
    @Path("console/logout")
    public Response logout(@RestForm String csrf, HttpServerRequest http) {
        current.requireToken(csrf);
        sessions.close(current.get().id());
        return Response.seeOther(URI.create("/"))
                .cookie(SessionCookie.cleared(ConsoleFilter.secure(publicAddress, http))).build();
    }

    private static Response page(int status, String username, String error) {
        return Response.status(status).entity(Templates.login(username, error)).build();
    }
}
