package org.polyplex.proxy.vod;

import org.polyplex.platform.http.StreamUrls;

/** Our canonical live path, {@code /live/u/p/ID.ext}, relative so that it keeps the client's host. */
final class LivePaths {

    private LivePaths() {
    }

    static String live(String username, String password, long channelId, String extension) {
        return "/live/" + StreamUrls.segment(username) + "/" + StreamUrls.segment(password) + "/" + channelId + "." + extension;
    }
}
