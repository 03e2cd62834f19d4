package org.polyplex.xtream;

import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;
import org.polyplex.xtream.gate.XtreamConfig;
import org.polyplex.xtream.gate.XtreamGate;
import org.polyplex.xtream.gate.XtreamGate.XtreamParams;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.guide.ShortEpg;
import org.polyplex.xtream.listing.Paging;
import org.polyplex.xtream.listing.XtreamCatalog;
import org.polyplex.xtream.listing.XtreamDetails;
import org.polyplex.xtream.model.LiveStream;
import org.polyplex.xtream.model.vod.SeriesItem;
import org.polyplex.xtream.model.vod.VodStream;

import io.vertx.core.http.HttpServerRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Entry point of the Xtream feature: {@code /player_api.php}, GET or POST form, dispatching on
 * {@code action=}. Lists are streamed element by element; see {@code docs/xtream.md} for the
 * contract of every action.
 */
@Path("/player_api.php")
@Produces(MediaType.APPLICATION_JSON)
public class PlayerApiResource {

    private final XtreamGate gate;
    private final AccountInfos infos;
    private final ObjectMapper mapper;
    private final EpgService epg;
    private final ZoneId zone;
    private final RequestLimits limits;

    PlayerApiResource(XtreamGate gate, AccountInfos infos, ObjectMapper mapper, EpgService epg, XtreamConfig config,
            RequestLimits limits) {
        this.limits = limits;
        this.gate = gate;
        this.infos = infos;
        this.mapper = mapper;
        this.epg = epg;
        this.zone = ZoneId.of(config.timezone());
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpServerRequest request) {
        XtreamParams params = new XtreamParams(uri.getQueryParameters(), null);
        return gate.handle(params, request, session -> dispatch(session, params));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        XtreamParams params = new XtreamParams(uri.getQueryParameters(), form);
        return gate.handle(params, request, session -> dispatch(session, params));
    }

    private Response dispatch(XtreamSession session, XtreamParams params) {
        Paging paging = Paging.of(params.get("offset"), params.get("items_per_page"));
        String categoryId = params.get("category_id");
        return switch (XtreamAction.parse(params.get("action"))) {
            case ACCOUNT_INFO, GET_ACCOUNT_INFO, GET_PROFILE, GET_SERVER_INFO -> json(infos.of(session));
            case GET_LIVE_CATEGORIES -> json(XtreamCatalog.categories(session, CategoryKind.LIVE));
            case GET_VOD_CATEGORIES -> json(XtreamCatalog.categories(session, CategoryKind.MOVIE));
            case GET_SERIES_CATEGORIES -> json(XtreamCatalog.categories(session, CategoryKind.SERIES));
            case GET_LIVE_STREAMS -> array(LiveStream.class,
                    XtreamCatalog.liveStreams(session, epg.guideIds(session.catalog()), categoryId, paging));
            case GET_VOD_STREAMS -> array(VodStream.class, XtreamCatalog.vodStreams(session, categoryId, paging));
            case GET_SERIES -> array(SeriesItem.class, XtreamCatalog.series(session, categoryId, paging));
            case GET_VOD_INFO -> json(XtreamDetails.vodInfo(session, params.get("vod_id")));
            case GET_SERIES_INFO -> json(XtreamDetails.seriesInfo(session, params.get("series_id")));
            case GET_SHORT_EPG -> epgListings(session, params, true);
            case GET_SIMPLE_DATA_TABLE -> epgListings(session, params, false);
        };
    }

    /**
     * {@code get_short_epg} ({@code stream_id}, {@code limit}) and {@code get_simple_data_table}
     * ({@code stream_id}): a channel the line cannot see, or an unknown or malformed id, answers
     * an empty list as panels do.
     */
    private Response epgListings(XtreamSession session, XtreamParams params, boolean shortEpg) {
        int limit = ShortEpg.limit(params.get("limit"));
        return json(ShortEpg.channel(session, params.get("stream_id"))
                .map(channel -> shortEpg ? epg.shortEpg(channel, limit, zone) : epg.dataTable(channel, zone))
                .<Object> map(listings -> Map.of("epg_listings", listings))
                .orElse(ShortEpg.NO_EPG));
    }

    private static Response json(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON).build();
    }

    private <T> Response array(Class<T> type, Stream<T> elements) {
        if (!limits.admitHeavy()) {
            elements.close();
            return Refusals.busy();
        }
        return Response.ok(JsonArrayOutput.of(mapper, type, elements, limits), MediaType.APPLICATION_JSON).build();
    }
}
