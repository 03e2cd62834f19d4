package org.polyplex.proxy.upstream.ace;

import org.polyplex.platform.logging.Redaction;

/** Engine texts as they may appear in logs: one line, bounded, URLs redacted, control bytes escaped. */
final class Texts {

    private Texts() {
    }

    static String clip(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        line = line.length() <= 160 ? line : line.substring(0, 160) + "…";
        return Redaction.text(line);
    }
}
