package org.polyplex.console.web;

import io.quarkus.qute.TemplateData;

/** What the page frame shows around every logged-in page: who, the form token, the current section. */
@TemplateData
public record Frame(String username, String csrf, String section) {

    /** {@code aria-current="page"} for the navigation link of this section. */
    public String current(String name) {
        return name.equals(section) ? "page" : "false";
    }
}
