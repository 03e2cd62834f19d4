package org.polyplex.proxy.upstream.ace;

/** Engine texts as they may appear in logs: one line, bounded. */
final class Texts {

    private Texts() {
    }

    static String clip(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }
}
