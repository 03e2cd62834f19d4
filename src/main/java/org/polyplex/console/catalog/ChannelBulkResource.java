package org.polyplex.console.catalog;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.ChannelService;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.platform.web.ApiException;

import org.jboss.resteasy.reactive.RestForm;

import io.smallrye.common.annotation.Blocking;

/**
 * Enables or disables the channels checked on a page of the channel list, in one change through
 * {@link ChannelService#setEnabled}, then goes back to the same page of the list.
 */
@Path("/console/channels/bulk")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ChannelBulkResource {

    private static final Map<String, String> NOTICES = Map.of(
            "bulk-enabled", "The checked channels are enabled.",
            "bulk-disabled", "The checked channels are disabled: players no longer list or play them.",
            "bulk-none", "No channel was checked.");

    private final ChannelService channels;
    private final CurrentSession current;

    ChannelBulkResource(ChannelService channels, CurrentSession current) {
        this.channels = channels;
        this.current = current;
    }

    @POST
    public Response apply(@RestForm String csrf, @RestForm List<Long> ids, @RestForm boolean enabled,
            @RestForm String back) {
        current.requireToken(csrf);
        String notice = "bulk-none";
        if (ids != null && !ids.isEmpty()) {
            try {
                channels.setEnabled(ids, enabled);
            } catch (ApiException e) {
                throw new ConsoleRefusal(e.status(), e.getMessage());
            }
            notice = enabled ? "bulk-enabled" : "bulk-disabled";
        }
        return Response.seeOther(URI.create(listUrl(back) + "&notice=" + notice)).build();
    }

    /** The list page to go back to: only a channel list address of this console, else the first page. */
    static String listUrl(String back) {
        return back != null && back.matches("/console/channels\\?[A-Za-z0-9=&%._~+-]*") ? back
                : "/console/channels?page=0";
    }

    static String notice(String key) {
        return NOTICES.getOrDefault(key == null ? "" : key, "");
    }
}
