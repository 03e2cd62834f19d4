package org.polyplex.platform.persistence;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The {@code where} clause and parameters of a list filter: each clause is added only when its
     * value is present. Field names come from code, values travel as parameters.
     */
    public static final class Filter {

        private final StringBuilder where = new StringBuilder("1 = 1");
        private final Map<String, Object> params = new HashMap<>();

        /** {@code field = value}, when {@code value} is not null. */
        public Filter equal(String field, Object value) {
            if (value != null) {
                where.append(" and ").append(field).append(" = :").append(field);
                params.put(field, value);
            }
            return this;
        }

        /** Case-insensitive "{@code field} contains {@code q}", when {@code q} is not blank. */
        public Filter contains(String field, String q) {
            if (q != null && !q.isBlank()) {
                where.append(" and lower(").append(field).append(") like :").append(field).append("Part");
                params.put(field + "Part", Queries.contains(q));
            }
            return this;
        }

        public String where() {
            return where.toString();
        }

        public Map<String, Object> params() {
            return params;
        }
    }
}
