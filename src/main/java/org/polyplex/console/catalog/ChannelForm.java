package org.polyplex.console.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelInput.SourceInput;
import org.polyplex.catalog.model.Channel;
import org.polyplex.console.web.FormErrors;

import io.quarkus.qute.TemplateData;

/**
 * The channel form as posted; {@code sources} is one URL a line, in failover order (only on
 * create: an existing channel's sources are edited one by one); {@code archiveDays} the catch-up
 * window recorded (blank keeps it).
 */
@TemplateData
public record ChannelForm(String name, String number, String categoryId, String logoUrl, String epgId,
        boolean enabled, String sources, String archiveDays) {

    static ChannelForm blank() {
        return new ChannelForm("", "", "", "", "", true, "", "0");
    }

    static ChannelForm of(Channel channel) {
        return new ChannelForm(channel.name, channel.number == null ? "" : channel.number.toString(),
                channel.categoryId == null ? "" : channel.categoryId.toString(), orEmpty(channel.logoUrl),
                orEmpty(channel.epgId), channel.enabled, "", Integer.toString(channel.archiveDays));
    }

    /** The API input with these sources, or null with the reasons in {@code errors}. */
    ChannelInput toInput(List<SourceInput> sourceInputs, FormErrors errors) {
        Integer n = integer("number", number, errors);
        Integer category = integer("categoryId", categoryId, errors);
        Integer archive = archiveDays == null || archiveDays.isBlank() ? null : integer("archiveDays", archiveDays, errors);
        if (errors.any()) {
            return null;
        }
        return new ChannelInput(name == null ? "" : name.strip(), n, category == null ? null : category.longValue(),
                blankToNull(logoUrl), blankToNull(epgId), enabled, sourceInputs, archive);
    }

    /** The textarea's URLs, one a line, blank lines skipped, priorities by position. */
    List<SourceInput> typedSources() {
        List<SourceInput> list = new ArrayList<>();
        if (sources != null) {
            for (String line : sources.split("\\R")) {
                if (!line.isBlank()) {
                    list.add(new SourceInput(line.strip(), list.size(), null));
                }
            }
        }
        return list;
    }

    /** The sources of a channel as they are, to write back unchanged or reordered. */
    static List<SourceInput> sourcesOf(Channel channel) {
        List<SourceInput> list = new ArrayList<>();
        channel.sources.forEach(s -> list.add(new SourceInput(s.url, list.size(), s.maxConnections)));
        return list;
    }

    /** The input when Bean Validation passes it (the API's own messages otherwise, in {@code errors}), else null. */
    static ChannelInput validated(Validator validator, ChannelInput input, FormErrors errors) {
        if (input == null) {
            return null;
        }
        validator.validate(input).forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        return errors.any() ? null : input;
    }

    /** The channel's page, with a notice. */
    static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/channels/" + id + (notice == null ? "" : "?notice=" + notice)))
                .build();
    }

    private static Integer integer(String field, String value, FormErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(field, "must be a whole number");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
