package org.polyplex.epg.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.accounts.Role;
import org.polyplex.epg.EpgService;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/epg/unmatched-channels}: enabled channels that no EPG source has a guide for. */
@Path("/api/epg/unmatched-channels")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class EpgChannelResource {

    /** A channel without guide: what an admin needs to fix its epg id or name. */
    public record UnmatchedChannel(long id, Integer number, String name, String epgId) {
    }

    private final EpgService epg;

    EpgChannelResource(EpgService epg) {
        this.epg = epg;
    }

    @GET
    public List<UnmatchedChannel> unmatched() {
        return epg.unmatchedChannels().stream()
                .map(c -> new UnmatchedChannel(c.id(), c.number(), c.name(), c.epgId()))
                .toList();
    }
}
