package org.polyplex.console.web;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.session.ConsoleSession;
import org.polyplex.console.session.ConsoleSessions;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Guards every console endpoint: a form post must come from this server's own origin (else 403
 * before anything runs), and a page needs a live session (else the browser is sent to the login
 * page, and a post is refused). Every console answer gets headers that keep it out of caches and
 * frames and allow no script, style or image from another host.
 */
public class ConsoleFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    private final ConsoleSessions sessions;
    private final CurrentSession current;
    private final PublicAddressConfig publicAddress;

    ConsoleFilter(ConsoleSessions sessions, CurrentSession current, PublicAddressConfig publicAddress) {
        this.sessions = sessions;
        this.current = current;
        this.publicAddress = publicAddress;
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (resource == null || resource.getResourceClass() == null || !isConsole(resource.getResourceClass())) {
            return Optional.empty();
        }
        boolean unsafe = !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod());
        if (unsafe && !SameOrigin.allowed(request.getHeaderString("Origin"), request.getHeaderString("Referer"),
                ownOrigins(http))) {
            throw new ConsoleRefusal(403, "This request did not come from a page of this console.");
        }
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        Optional<ConsoleSession> session = sessions.find(cookie == null ? null : cookie.getValue());
        session.ifPresent(current::set);
        if (session.isPresent() || resource.getResourceMethod().isAnnotationPresent(Anonymous.class)) {
            return Optional.empty();
        }
        if (unsafe) {
            throw new ConsoleRefusal(403, "Your console session has ended. Log in again.");
        }
        if (request.getHeaderString("HX-Request") != null) {
            // a page's own refresh: send the whole page to the login, not the login into the table
            return Optional.of(Response.ok().header("HX-Redirect", "/").build());
        }
        return Optional.of(Response.seeOther(URI.create("/")).build());
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/") && !path.startsWith("/console/") && !path.equals("/console")) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
    }

    /** Whether the console is reached over HTTPS (directly, or as configured public scheme). */
    public static boolean secure(PublicAddressConfig publicAddress, HttpServerRequest http) {
        return "https".equals(ServerAddress.of(publicAddress, http).scheme());
    }

    private String[] ownOrigins(HttpServerRequest http) {
        HostAndPort authority = http.authority();
        String self = authority == null ? ""
                : http.scheme() + "://" + authority.host()
                        + (authority.port() > 0 ? ":" + authority.port() : "");
        return new String[] { self, ServerAddress.of(publicAddress, http).baseUrl() };
    }

    private static boolean isConsole(Class<?> type) {
        return type.getPackageName().startsWith("org.polyplex.console");
    }
}
