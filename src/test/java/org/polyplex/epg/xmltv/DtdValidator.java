package org.polyplex.epg.xmltv;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** Validates a document against the XMLTV DTD subset in the fixtures; returns the errors. */
public final class DtdValidator {

    private DtdValidator() {
    }

    public static List<String> errors(byte[] document) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> {
            InputStream dtd = DtdValidator.class.getResourceAsStream("/fixtures/epg/xmltv-subset.dtd");
            return new InputSource(dtd);
        });
        List<String> errors = new ArrayList<>();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            builder.parse(new ByteArrayInputStream(document));
        } catch (SAXParseException e) {
            // already recorded by fatalError
        }
        return errors;
    }
}
