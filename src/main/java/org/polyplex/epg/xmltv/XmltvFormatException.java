package org.polyplex.epg.xmltv;

/** The document is not well-formed or not XMLTV; the message says where and why. */
public class XmltvFormatException extends RuntimeException {

    public XmltvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
