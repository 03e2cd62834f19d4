package org.polyplex.epg.xmltv;

/** Receives what {@link XmltvReader} finds, one element at a time. */
public interface XmltvSink {

    void channel(XmltvChannel channel);

    void programme(XmltvProgramme programme);

    /** A record left out, with a short reason such as {@code stop before start}. */
    void skipped(String reason);
}
