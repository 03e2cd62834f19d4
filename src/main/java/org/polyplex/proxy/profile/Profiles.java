package org.polyplex.proxy.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output profiles of this node: the built-in ones, replaced or joined by the configured ones,
 * each validated ({@link ProfileArgs}) when the set is made, so a bad profile stops the start
 * naming its key. Immutable. Also builds the one ffmpeg command line a profile runs.
 */
public final class Profiles {

    /** Keyframes every 2 s whatever the frame rate, and no extra ones at scene cuts: segments align. */
    private static final String GOP = "-force_key_frames expr:gte(t,n_forced*2) -sc_threshold 0";

    private static final List<OutputProfile> BUILT_IN = List.of(
            new OutputProfile(OutputProfile.PASSTHROUGH, "the channel as its source sends it, no transcoding", List.of(),
                    true),
            video("720p-2500k", "H.264 720p at 2.5 Mbit/s, AAC 128 kbit/s", 720, "2500k", "5000k", "128k"),
            video("480p-1200k", "H.264 480p at 1.2 Mbit/s, AAC 96 kbit/s", 480, "1200k", "2400k", "96k"),
            new OutputProfile("audio-aac", "the video as it is, the audio as AAC stereo 128 kbit/s (for players without"
                    + " AC-3 or MP2)", ProfileArgs.parse("-map 0:v:0? -map 0:a:0? -c:v copy -c:a aac -b:a 128k -ac 2"),
                    true));

    private final Map<String, OutputProfile> byName;

    private Profiles(Map<String, OutputProfile> byName) {
        this.byName = byName;
    }

    private static OutputProfile video(String name, String description, int height, String rate, String buffer,
            String audio) {
        return new OutputProfile(name, description,
                ProfileArgs.parse("-map 0:v:0 -map 0:a:0? -vf scale=-2:" + height + " -c:v libx264 -preset veryfast"
                        + " -tune zerolatency -pix_fmt yuv420p -b:v " + rate + " -maxrate " + rate + " -bufsize " + buffer
                        + " " + GOP + " -c:a aac -b:a " + audio + " -ac 2"),
                true);
    }

    /** The built-in profiles only. */
    public static Profiles builtIn() {
        return of(Map.of());
    }

    /**
     * The built-in profiles with these configured ones (name to description and argument line) added or
     * in their place; {@link IllegalArgumentException} naming the profile when one is invalid.
     */
    public static Profiles of(Map<String, ProfilesConfig.Custom> custom) {
        Map<String, OutputProfile> all = new LinkedHashMap<>();
        BUILT_IN.forEach(p -> all.put(p.name(), p));
        custom.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = entry.getKey();
            if (!ProfileArgs.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("polyplex.profiles.custom: profile name '" + name.replaceAll(
                        "\\p{Cntrl}", "?") + "' is not 1 to 32 characters of a-z 0-9 . _ -");
            }
            if (OutputProfile.PASSTHROUGH.equals(name)) {
                throw new IllegalArgumentException("polyplex.profiles.custom.passthrough: passthrough cannot be replaced");
            }
            try {
                List<String> args = ProfileArgs.parse(entry.getValue().args());
                all.put(name, new OutputProfile(name, entry.getValue().description().orElse(name), args, false));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("polyplex.profiles.custom." + name + ".args: " + e.getMessage(), e);
            }
        });
        return new Profiles(Map.copyOf(all));
    }

    /** The profile of this name; empty for an unknown one. */
    public Optional<OutputProfile> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** Every profile, by name. */
    public List<OutputProfile> list() {
        List<OutputProfile> all = new ArrayList<>(byName.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    /**
     * The whole command of a profile's transcoder: MPEG-TS on stdin, the profile's arguments,
     * MPEG-TS on stdout, warnings and errors only on stderr. A list: no shell ever parses it.
     */
    public static List<String> command(String ffmpeg, OutputProfile profile) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostats", "-loglevel", "warning",
                "-fflags", "+genpts+discardcorrupt", "-analyzeduration", "2000000", "-probesize", "2000000", "-f",
                "mpegts", "-i", "pipe:0"));
        command.addAll(profile.args());
        command.addAll(List.of("-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts", "pipe:1"));
        return List.copyOf(command);
    }
}
