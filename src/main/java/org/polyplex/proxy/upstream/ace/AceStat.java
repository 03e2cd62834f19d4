package org.polyplex.proxy.upstream.ace;

import io.vertx.core.json.JsonObject;

/**
 * One answer of the engine's {@code stat_url}: {@code {"response":{"status","peers","speed_down",
 * "livepos":{"pos",...}},"error"}}. Numbers may come as strings; missing ones are -1.
 *
 * @param error the engine's error text, or null
 */
record AceStat(String status, int peers, long speedDown, long livePos, String error) {

    /** Parses a stat answer; throws {@link IllegalArgumentException} on anything that is not one. */
    static AceStat parse(String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stat answer is not JSON");
        }
        Object error = json.getValue("error");
        if (error != null) {
            return new AceStat("error", -1, -1, -1, String.valueOf(error));
        }
        Object response = json.getValue("response");
        if (!(response instanceof JsonObject r)) {
            throw new IllegalArgumentException("stat answer without response");
        }
        Object livepos = r.getValue("livepos");
        long pos = livepos instanceof JsonObject lp ? number(lp.getValue("pos")) : -1;
        return new AceStat(String.valueOf(r.getValue("status", "unknown")), (int) number(r.getValue("peers")),
                number(r.getValue("speed_down")), pos, null);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
