package org.polyplex.proxy.profile;

import java.util.List;

/**
 * A named output profile: what a viewer asks for with {@code ?profile=NAME}. {@code passthrough}
 * is the channel as its source sends it (no ffmpeg); every other profile is a list of ffmpeg output
 * arguments (codecs, filters, bit rates), validated by {@link ProfileArgs}, that one shared ffmpeg
 * per channel applies between its MPEG-TS input and its MPEG-TS output.
 *
 * @param builtIn whether the profile ships with Polyplex (a configured one of the same name replaces it)
 */
public record OutputProfile(String name, String description, List<String> args, boolean builtIn) {

    /** The one profile that is not a transcoder: the normal path. */
    public static final String PASSTHROUGH = "passthrough";

    public OutputProfile {
        args = List.copyOf(args);
    }

    /** Whether viewers of this profile need a transcoder (everything but {@code passthrough}). */
    public boolean transcodes() {
        return !PASSTHROUGH.equals(name);
    }
}
