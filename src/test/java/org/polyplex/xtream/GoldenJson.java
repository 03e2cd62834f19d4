package org.polyplex.xtream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares a JSON answer with a golden fixture under {@code fixtures/xtream}, field by field and
 * type by type: same keys in the same order, same JSON type (string, integral number, floating
 * number, boolean, null, array, object) everywhere, same values except for keys listed as
 * volatile (timestamps), whose type alone is checked. Fixtures may hold {@code {{name}}} tokens
 * for ids that the test substitutes before parsing.
 */
final class GoldenJson {

    /** Keys whose values change with the clock; their type is still checked. */
    static final Set<String> TIMESTAMPS = Set.of("added", "created_at", "timestamp_now", "time_now", "last_modified");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenJson() {
    }

    static void assertMatches(String fixture, String actualJson, Map<String, Object> tokens) {
        String template = read("fixtures/xtream/" + fixture);
        for (var token : tokens.entrySet()) {
            template = template.replace("{{" + token.getKey() + "}}", String.valueOf(token.getValue()));
        }
        try {
            JsonNode expected = MAPPER.readTree(template);
            JsonNode actual = MAPPER.readTree(actualJson);
            List<String> problems = new ArrayList<>();
            compare("$", expected, actual, false, problems);
            if (!problems.isEmpty()) {
                fail(fixture + " differs:\n  " + String.join("\n  ", problems) + "\nactual: " + actualJson);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, boolean typeOnly,
            List<String> problems) {
        if (!type(expected).equals(type(actual))) {
            problems.add(path + ": expected " + type(expected) + " " + expected + " but was " + type(actual) + " "
                    + actual);
            return;
        }
        if (expected.isObject()) {
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            List<String> actualKeys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            if (!expectedKeys.equals(actualKeys)) {
                problems.add(path + ": keys " + actualKeys + " instead of " + expectedKeys);
                return;
            }
            for (String key : expectedKeys) {
                compare(path + "." + key, expected.get(key), actual.get(key), TIMESTAMPS.contains(key), problems);
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                problems.add(path + ": " + actual.size() + " elements instead of " + expected.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), typeOnly, problems);
            }
        } else if (!typeOnly && !expected.equals(actual)
                && !(expected.isNumber() && expected.asDouble() == actual.asDouble())) {
            problems.add(path + ": expected " + expected + " but was " + actual);
        }
    }

    private static String type(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isFloatingPointNumber()) {
            return "float";
        }
        return node.getNodeType().name().toLowerCase();
    }

    static String read(String resource) {
        try (InputStream in = GoldenJson.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
