package org.polyplex.platform;

import java.util.Locale;

/** Small helpers for list filters. */
public final class Queries {

    private Queries() {
    }

    /**
     * A case-insensitive "contains" pattern for {@code lower(col) like :q}. LIKE wildcards in the
     * input are dropped so that a filter never turns into a full scan pattern the caller did not mean.
     */
    public static String contains(String q) {
        String plain = q.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "");
        return "%" + plain + "%";
    }
}
