package org.polyplex.epg.xmltv;

import javax.xml.stream.XMLStreamException;

/** The document is not well-formed or not XMLTV; the message says where and why. */
public class XmltvFormatException extends RuntimeException {

    public XmltvFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The parser's complaint as one line: what it read wrong, or the token that was too long. */
    static XmltvFormatException malformed(XMLStreamException parser, Throwable cause) {
        String message = parser.getMessage() == null ? parser.toString() : parser.getMessage();
        if (parser.getCause() instanceof TokenLimitInputStream.TokenTooLongException tooLong) {
            message = tooLong.getMessage();
        }
        return new XmltvFormatException("malformed XML: " + message.replaceAll("\\s+", " ").strip(), cause);
    }
}
