package org.polyplex.camera.health;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a camera's session description (the DESCRIBE answer) for its audio codec: whether it can
 * be copied into MPEG-TS (AAC, MPEG audio, AC-3, Opus) or must be re-encoded to AAC (G.711 PCMU/PCMA,
 * G.726, G.722, linear PCM: what most IP cameras send). Pure.
 */
public final class SdpAudio {

    private static final Set<String> TS_CODECS = Set.of("mpeg4-generic", "mp4a-latm", "mpa", "ac3", "eac3", "opus");

    private SdpAudio() {
    }

    /** Whether the first audio stream of the description needs re-encoding; false when it has none. */
    public static boolean needsTranscode(String sdp) {
        if (sdp == null) {
            return false;
        }
        String payload = null;
        boolean inAudio = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (payload != null) {
                    break;
                }
                inAudio = line.startsWith("m=audio");
                if (inAudio) {
                    String[] f = line.split(" ");
                    payload = f.length > 3 ? f[3] : "";
                }
            } else if (inAudio && line.startsWith("a=rtpmap:" + payload + " ")) {
                String codec = line.substring(line.indexOf(' ') + 1).split("/")[0].toLowerCase(Locale.ROOT);
                return !TS_CODECS.contains(codec);
            }
        }
        if (payload == null) {
            return false;
        }
        // a static payload type without rtpmap: 14 is MPEG audio, the others (0 PCMU, 8 PCMA, ...) are not TS codecs
        return !payload.equals("14");
    }
}
