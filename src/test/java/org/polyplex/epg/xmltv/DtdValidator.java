package org.polyplex.epg.xmltv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Validates documents against the real XMLTV DTD, the one the Debian package {@code xmltv-util}
 * installs ({@code .ci/run} installs it), with the JDK's validating parser, and with that
 * package's own checker {@code tv_validate_file}. Without the package a developer's run skips the
 * test with a message; CI ({@code CI=true}) fails instead, so the check is never lost silently.
 */
public final class DtdValidator {

    public static final Path DTD = Path.of("/usr/share/xmltv/xmltv.dtd");
    public static final Path TV_VALIDATE_FILE = Path.of("/usr/bin/tv_validate_file");

    private DtdValidator() {
    }

    /** Fails under CI, skips elsewhere, when the DTD or the checker is not installed. */
    public static void requireXmltvUtil() {
        boolean present = Files.isReadable(DTD) && Files.isExecutable(TV_VALIDATE_FILE);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must validate XMLTV output: install xmltv-util (" + DTD + ")");
        }
        Assumptions.assumeTrue(present, "XMLTV DTD checks skipped: no " + DTD + " or " + TV_VALIDATE_FILE
                + " (apt-get install xmltv-util)");
    }

    /**
     * The DTD validation errors of a document (empty when valid). Whatever system id the document
     * names, the installed DTD is used: nothing is fetched.
     */
    public static List<String> errors(byte[] document) throws Exception {
        requireXmltvUtil();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(Files.newInputStream(DTD)));
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

    /**
     * What {@code tv_validate_file} says of a document, or null when it validated: beyond the DTD
     * it checks channel ids (RFC 2838 style), duplicate channels, programmes of unknown channels,
     * channels without programmes, times and episode numbers.
     */
    public static String tvValidateFile(byte[] document) throws IOException, InterruptedException {
        requireXmltvUtil();
        Path file = Files.createTempFile("polyplex-xmltv", ".xml");
        try {
            Files.write(file, document);
            Process process = new ProcessBuilder(TV_VALIDATE_FILE.toString(), "--dtd-file", DTD.toString(),
                    file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "tv_validate_file timed out";
            }
            return process.exitValue() == 0 ? null : output;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
