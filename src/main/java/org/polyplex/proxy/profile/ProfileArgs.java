package org.polyplex.proxy.profile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a profile's ffmpeg output arguments before any process runs them. An allow-list, not
 * a deny-list: only options that shape the encoded stream are accepted (codecs, bit rates, GOP,
 * scaling and a few filters), each value from a small alphabet with no slash, quote, space or
 * {@code ://}, so a profile can neither name a file or URL nor add an output, an input or a
 * format of its own (the command always ends in {@code -f mpegts pipe:1}). Filters and x264
 * parameters are allow-listed too, since some of theirs read or write files ({@code movie=},
 * {@code stats=}). Pure.
 */
public final class ProfileArgs {

    /** Profile names: short, lower case, usable in a query string and a log line as they are. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /** Most arguments a profile may have. */
    static final int MAX_ARGS = 64;

    private static final Set<String> FLAGS = Set.of("-an", "-vn", "-sn", "-dn");

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}(\\.[0-9]{1,6})?[kKmM]?");
    private static final Pattern MAP = Pattern.compile("-?0(:[a-zA-Z0-9]{1,8}){0,3}\\??");
    private static final Pattern EXPRESSION = Pattern.compile("(expr:)?[A-Za-z0-9_(),*+.:<>=-]{1,200}");

    private static final Map<String, Pattern> VALUED = Map.ofEntries(Map.entry("-map", MAP),
            Map.entry("-c:v", WORD), Map.entry("-c:a", WORD), Map.entry("-codec:v", WORD), Map.entry("-codec:a", WORD),
            Map.entry("-b:v", NUMBER), Map.entry("-b:a", NUMBER), Map.entry("-maxrate", NUMBER),
            Map.entry("-minrate", NUMBER), Map.entry("-bufsize", NUMBER), Map.entry("-crf", NUMBER),
            Map.entry("-preset", WORD), Map.entry("-tune", WORD), Map.entry("-profile:v", WORD),
            Map.entry("-level", WORD), Map.entry("-level:v", WORD), Map.entry("-g", NUMBER),
            Map.entry("-keyint_min", NUMBER), Map.entry("-sc_threshold", NUMBER), Map.entry("-bf", NUMBER),
            Map.entry("-r", NUMBER), Map.entry("-pix_fmt", WORD), Map.entry("-ac", NUMBER), Map.entry("-ar", NUMBER),
            Map.entry("-threads", NUMBER), Map.entry("-force_key_frames", EXPRESSION));

    private static final Set<String> VIDEO_FILTERS = Set.of("scale", "fps", "format", "setsar", "setdar", "yadif",
            "bwdif", "crop", "pad");
    private static final Set<String> AUDIO_FILTERS = Set.of("aresample", "aformat", "volume");
    private static final Set<String> X264_PARAMS = Set.of("keyint", "min-keyint", "scenecut", "bframes", "ref",
            "rc-lookahead", "vbv-maxrate", "vbv-bufsize", "nal-hrd", "force-cfr", "aud", "repeat-headers",
            "sliced-threads", "threads");
    private static final Pattern FILTER_ARGS = Pattern.compile("[A-Za-z0-9_.:=+*()-]{0,120}");
    private static final Pattern X264_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,16}");

    private ProfileArgs() {
    }

    /** Splits a configured argument line on white space (no shell, no quoting) and validates it. */
    public static List<String> parse(String line) {
        String trimmed = line == null ? "" : line.strip();
        List<String> args = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        validate(args);
        return args;
    }

    /** Throws {@link IllegalArgumentException}, naming the first argument refused and why, unless every one is allowed. */
    public static void validate(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one argument (an encoder, a codec copy)");
        }
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException("a profile has at most " + MAX_ARGS + " arguments");
        }
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (FLAGS.contains(option)) {
                continue;
            }
            if (!VALUED.containsKey(option) && !option.equals("-vf") && !option.equals("-af")
                    && !option.equals("-x264-params")) {
                throw new IllegalArgumentException("option " + shown(option) + " is not allowed in a profile");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            boolean ok = switch (option) {
                case "-vf" -> filters(value, VIDEO_FILTERS);
                case "-af" -> filters(value, AUDIO_FILTERS);
                case "-x264-params" -> x264(value);
                default -> VALUED.get(option).matcher(value).matches();
            };
            if (!ok) {
                throw new IllegalArgumentException("value " + shown(value) + " of " + option + " is not allowed");
            }
        }
    }

    private static boolean filters(String chain, Set<String> allowed) {
        if (chain.length() > 300) {
            return false;
        }
        for (String filter : chain.split(",", -1)) {
            int eq = filter.indexOf('=');
            String name = eq < 0 ? filter : filter.substring(0, eq);
            if (!allowed.contains(name) || !FILTER_ARGS.matcher(eq < 0 ? "" : filter.substring(eq + 1)).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean x264(String params) {
        if (params.length() > 300) {
            return false;
        }
        for (String param : params.split(":", -1)) {
            int eq = param.indexOf('=');
            if (eq <= 0 || !X264_PARAMS.contains(param.substring(0, eq))
                    || !X264_VALUE.matcher(param.substring(eq + 1)).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An argument as an error message shows it: cut, with control characters replaced. */
    private static String shown(String arg) {
        String cut = arg.length() > 40 ? arg.substring(0, 40) + "…" : arg;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
