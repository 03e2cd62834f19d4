package org.polyplex.console.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;

import io.smallrye.common.annotation.Blocking;

/** The dashboard's health section alone, which the dashboard polls to stay current. */
@Path("/console/health")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class HealthResource {

    private final DashboardPage dashboard;

    HealthResource(DashboardPage dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    public TemplateInstance health() {
        return dashboard.health();
    }
}
