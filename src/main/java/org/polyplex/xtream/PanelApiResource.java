package org.polyplex.xtream;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;
import org.polyplex.xtream.gate.XtreamGate;
import org.polyplex.xtream.gate.XtreamGate.XtreamParams;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.listing.Paging;
import org.polyplex.xtream.listing.XtreamCatalog;
import org.polyplex.xtream.model.LiveStream;

import io.vertx.core.http.HttpServerRequest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code /panel_api.php}: the older one-shot answer, {@code user_info}, {@code server_info},
 * {@code categories} by kind and {@code available_channels} keyed by stream id, streamed.
 */
@Path("/panel_api.php")
@Produces(MediaType.APPLICATION_JSON)
public class PanelApiResource {

    private final XtreamGate gate;
    private final AccountInfos infos;
    private final ObjectWriter writer;
    private final ObjectWriter streamWriter;

    private final RequestLimits limits;
    private final EpgService epg;

    PanelApiResource(XtreamGate gate, AccountInfos infos, ObjectMapper mapper, RequestLimits limits, EpgService epg) {
        this.limits = limits;
        this.epg = epg;
        this.gate = gate;
        this.infos = infos;
        this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.streamWriter = mapper.writerFor(LiveStream.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpServerRequest request) {
        return gate.handle(new XtreamParams(uri.getQueryParameters(), null), request, this::panel);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        return gate.handle(new XtreamParams(uri.getQueryParameters(), form), request, this::panel);
    }

    private Response panel(XtreamSession session) {
        if (!limits.admitHeavy()) {
            return Refusals.busy();
        }
        StreamingOutput body = out -> write(session, limits.metered(out));
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private void write(XtreamSession session, OutputStream out) throws IOException {
        var info = infos.of(session);
        try (JsonGenerator gen = writer.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeFieldName("user_info");
            writer.writeValue(gen, info.userInfo());
            gen.writeFieldName("server_info");
            writer.writeValue(gen, info.serverInfo());
            gen.writeObjectFieldStart("categories");
            gen.writeFieldName("live");
            writer.writeValue(gen, XtreamCatalog.categories(session, CategoryKind.LIVE));
            gen.writeFieldName("movie");
            writer.writeValue(gen, XtreamCatalog.categories(session, CategoryKind.MOVIE));
            gen.writeFieldName("series");
            writer.writeValue(gen, XtreamCatalog.categories(session, CategoryKind.SERIES));
            gen.writeEndObject();
            gen.writeObjectFieldStart("available_channels");
            var streams = XtreamCatalog.liveStreams(session, epg.guideIds(session.catalog()), null, Paging.ALL).iterator();
            while (streams.hasNext()) {
                LiveStream stream = streams.next();
                gen.writeFieldName(Long.toString(stream.streamId()));
                streamWriter.writeValue(gen, stream);
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
    }
}
