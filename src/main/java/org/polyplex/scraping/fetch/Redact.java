package org.polyplex.scraping.fetch;

/** Removes credentials from URLs before they reach a log line or an error message. Pure. */
public final class Redact {

    private Redact() {
    }

    /** Drops user info and the query, and masks Xtream-style {@code /live|movie|series/user/pass/} paths. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String s = url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q) + "?...";
        }
        return s.replaceAll("/(live|movie|series)/[^/]+/[^/]+/", "/$1/***/***/");
    }
}
