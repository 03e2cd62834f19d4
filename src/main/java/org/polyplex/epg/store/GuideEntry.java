package org.polyplex.epg.store;

import org.polyplex.epg.xmltv.XmltvProgramme;

/** A stored programme: its row id, its source, and its content. */
public record GuideEntry(long id, long sourceId, XmltvProgramme programme) {
}
