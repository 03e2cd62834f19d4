package org.polyplex.restream.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.accounts.Role;
import org.polyplex.restream.ffmpeg.EncoderDetection;
import org.polyplex.restream.ffmpeg.EncoderReport;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/encoders}: which H.264 encoders work here, and which encoded profiles use. */
@Path("/api/encoders")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class EncoderResource {

    private final EncoderDetection detection;

    EncoderResource(EncoderDetection detection) {
        this.detection = detection;
    }

    @GET
    public EncoderReport get() {
        return detection.report();
    }

    /** Runs the detection again (or joins the one running) and answers its report. */
    @POST
    @Path("detect")
    public EncoderReport detect() {
        return detection.detect();
    }
}
