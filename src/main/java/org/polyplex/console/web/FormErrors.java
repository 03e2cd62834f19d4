package org.polyplex.console.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.TemplateData;

/**
 * The messages a form shows next to its fields: the API's own Bean Validation messages and the
 * services' {@link ApiException}s, keyed by the field they name ({@code sources[1].url}). A
 * message for no field, or for a field the form does not show, goes to the top of the form.
 */
@TemplateData
public final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public static FormErrors of(Set<? extends ConstraintViolation<?>> violations) {
        FormErrors errors = new FormErrors();
        violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        return errors;
    }

    public static FormErrors of(ApiException e) {
        FormErrors errors = new FormErrors();
        String field = e.field() == null ? "" : e.field();
        String message = e.getMessage();
        if (!field.isEmpty() && message.startsWith(field + ": ")) {
            message = message.substring(field.length() + 2);
        }
        return errors.add(field, message);
    }

    /**
     * Checks a form's input with the API's own constraints: the input when it passes, or null
     * (also for no input) with its violations added here.
     */
    public <T> T validated(Validator validator, T input) {
        if (input == null) {
            return null;
        }
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            add(of(violations));
            return null;
        }
        return input;
    }

    /** Adds a message; a second one for the same field joins the first. */
    public FormErrors add(String field, String message) {
        byField.merge(field == null ? "" : field, message, (a, b) -> a + "; " + b);
        return this;
    }

    /** Adds all messages of another form's errors. */
    public FormErrors add(FormErrors other) {
        other.byField.forEach(this::add);
        return this;
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The message of one field, or an empty string. */
    public String get(String field) {
        return byField.getOrDefault(field, "");
    }

    /** Messages of the fields under {@code prefix} ({@code sources} for {@code sources[2].url}), with their field. */
    public String under(String prefix) {
        return byField.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getKey() + ": " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** Messages of fields not in {@code shown}, for the top of the form. */
    public String others(String shown) {
        Set<String> fields = Set.of(shown.split(","));
        return byField.entrySet().stream()
                .filter(e -> !fields.contains(e.getKey()) && !fields.contains(e.getKey().replaceAll("\\[.*", "")))
                .map(e -> e.getKey().isEmpty() ? e.getValue() : e.getKey() + ": " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }
}
