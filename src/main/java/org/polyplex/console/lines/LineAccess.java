package org.polyplex.console.lines;

import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;

import io.quarkus.qute.TemplateData;

/**
 * What a subscriber types into an IPTV app, as XC panels show it: server, username, password,
 * and the playlist and guide URLs. Passwords are stored as hashes, so the password (and the URLs
 * that carry it) is known only right after it was set; otherwise the URLs hold a placeholder.
 */
@TemplateData
public record LineAccess(String server, String username, String password, boolean passwordKnown, String m3u,
        String m3uHls, String xmltv) {

    static final String PLACEHOLDER = "PASSWORD";

    static LineAccess of(ServerAddress address, String username, String password) {
        boolean known = password != null;
        StreamUrls urls = new StreamUrls(address, username, known ? password : PLACEHOLDER);
        return new LineAccess(address.baseUrl(), username, known ? password : "", known, urls.m3u("ts"),
                urls.m3u("m3u8"), urls.xmltv());
    }
}
