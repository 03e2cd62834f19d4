package org.polyplex.accounts;

import jakarta.ws.rs.QueryParam;

/** Filters of {@code GET /api/users}: {@code q} (part of the username), {@code admin}, {@code enabled}. */
public class UserFilter {

    @QueryParam("q")
    public String q;

    @QueryParam("admin")
    public Boolean admin;

    @QueryParam("enabled")
    public Boolean enabled;
}
