package org.polyplex.archive.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.accounts.Role;
import org.polyplex.archive.record.ArchiveRecorder;
import org.polyplex.archive.record.ArchiveStatus;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/archive}: per channel its recording state, what is on disk, gaps and the last write error. */
@Path("/api/archive")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {

    private final ArchiveRecorder recorder;

    ArchiveResource(ArchiveRecorder recorder) {
        this.recorder = recorder;
    }

    @GET
    public ArchiveStatus status() {
        return recorder.status();
    }
}
