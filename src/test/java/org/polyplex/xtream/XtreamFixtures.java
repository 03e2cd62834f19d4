package org.polyplex.xtream;

import java.util.Map;

/** Lets tests of other packages (playlist) create the shared Xtream test catalog. */
public final class XtreamFixtures {

    public static final String PASSWORD = XtreamTestData.PASSWORD;

    private XtreamFixtures() {
    }

    /** Creates the catalog and users of {@link XtreamTestData}; answers the fixture tokens. */
    public static Map<String, Object> catalog() {
        return Map.copyOf(XtreamTestData.load().tokens);
    }
}
