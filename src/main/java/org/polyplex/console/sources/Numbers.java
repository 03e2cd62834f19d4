package org.polyplex.console.sources;

import org.polyplex.console.web.FormErrors;

/** Whole numbers typed into a source form: empty is "the default", anything else must parse. */
final class Numbers {

    private Numbers() {
    }

    static Integer integer(String field, String value, FormErrors errors) {
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

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
