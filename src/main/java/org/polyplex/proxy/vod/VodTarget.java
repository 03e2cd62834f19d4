package org.polyplex.proxy.vod;

/** What a movie, episode or legacy stream request resolves to, decided before any upstream I/O. */
sealed interface VodTarget {

    /** Proxy this upstream file 1:1. */
    record Proxy(String upstreamUrl, String logId) implements VodTarget {
    }

    /** Redirect a legacy live request to our canonical {@code /live/u/p/ID.ext} path. */
    record LiveRedirect(long channelId) implements VodTarget {
    }

    /** Refuse with this status before touching any upstream. */
    record Refuse(int status, String reason) implements VodTarget {
    }
}
