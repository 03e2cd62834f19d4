package org.polyplex.catalog.model;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source URL of a channel that plays a camera: {@code camera://<id>}. The camera's RTSP URL and
 * credentials stay with the camera (encrypted), so a channel's source URL never holds a password.
 * Only the admin API and the camera service set it; imports never produce it. Pure.
 */
public final class CameraSources {

    private static final Pattern URL = Pattern.compile("camera://([1-9][0-9]{0,17})");

    private CameraSources() {
    }

    public static String url(long cameraId) {
        return "camera://" + cameraId;
    }

    /** The camera id of a camera source URL, or empty for any other URL. */
    public static OptionalLong cameraId(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        return m != null && m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
