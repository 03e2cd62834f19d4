package org.polyplex.epg.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.accounts.Role;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgListings;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.web.ApiException;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/epg/unmatched-channels}: enabled channels that no EPG source has a guide for;
 * {@code GET /api/epg/channels/{id}/listings[?limit=]}: a channel's listings as Xtream apps get
 * them (with {@code limit}: the short EPG; without: the data table), for checking a guide.
 */
@Path("/api/epg")
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
    @Path("unmatched-channels")
    public List<UnmatchedChannel> unmatched() {
        return epg.unmatchedChannels().stream()
                .map(c -> new UnmatchedChannel(c.id(), c.number(), c.name(), c.epgId()))
                .toList();
    }

    @GET
    @Path("channels/{id}/listings")
    public EpgListings listings(@PathParam("id") long id, @QueryParam("limit") Integer limit) {
        LiveChannel channel = epg.catalog().channel(id).orElseThrow(() -> ApiException.notFound("channel", id));
        return new EpgListings(limit == null ? epg.dataTable(channel) : epg.shortEpg(channel, limit));
    }
}
