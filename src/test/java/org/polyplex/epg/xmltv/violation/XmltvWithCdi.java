package org.polyplex.epg.xmltv.violation;

import jakarta.enterprise.context.ApplicationScoped;

/** Deliberate violation (test tree only): a pure core turned into a bean. */
@ApplicationScoped
public class XmltvWithCdi {
}
