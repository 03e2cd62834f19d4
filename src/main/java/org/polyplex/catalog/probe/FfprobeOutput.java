package org.polyplex.catalog.probe;

import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads ffprobe's JSON ({@code -of json -show_format -show_streams}) into a {@link ProbeReport}. Pure. */
final class FfprobeOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FfprobeOutput() {
    }

    static ProbeReport parse(String maskedUrl, String json, Duration took) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return ProbeReport.failed(maskedUrl, "ffprobe's answer could not be read", took);
        }
        if (root == null || !root.path("streams").isArray() || root.path("streams").isEmpty()) {
            return ProbeReport.failed(maskedUrl, "reachable, but no audio or video stream was found", took);
        }
        JsonNode video = first(root.path("streams"), "video");
        JsonNode audio = first(root.path("streams"), "audio");
        return new ProbeReport(maskedUrl, true, null, text(root.path("format").path("format_name")),
                video == null ? null : text(video.path("codec_name")), video == null ? 0 : video.path("width").asInt(),
                video == null ? 0 : video.path("height").asInt(), audio == null ? null : text(audio.path("codec_name")),
                took);
    }

    private static JsonNode first(JsonNode streams, String type) {
        for (JsonNode s : streams) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
