package org.polyplex.epg.xmltv;

import java.util.List;

/** A {@code <channel>} of an XMLTV document: its id, display names in file order, and icon. */
public record XmltvChannel(String id, List<String> displayNames, String iconUrl) {
}
