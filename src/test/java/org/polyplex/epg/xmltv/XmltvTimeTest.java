package org.polyplex.epg.xmltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmltvTimeTest {

    @ParameterizedTest
    @CsvSource({
            "20260315120000 +0000, 2026-03-15T12:00:00Z",
            "20260315120000 +0100, 2026-03-15T11:00:00Z",
            "20260315120000 -0500, 2026-03-15T17:00:00Z",
            "20260315120000 +0530, 2026-03-15T06:30:00Z",
            "20260315120000+0200, 2026-03-15T10:00:00Z",
            "20260315120000 +02:00, 2026-03-15T10:00:00Z",
            "20260315120000, 2026-03-15T12:00:00Z",
            "20260315120000 Z, 2026-03-15T12:00:00Z",
            "202603151200 +0000, 2026-03-15T12:00:00Z",
            "20260315, 2026-03-15T00:00:00Z",
            "20261231233000 -0100, 2027-01-01T00:30:00Z"
    })
    void parsesEveryOffsetForm(String text, String expected) {
        assertThat(XmltvTime.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "yesterday", "2026031", "20261332120000 +0000", "20260315120000 +01", "20260315120000 CET" })
    void rejectsWhatIsNotATime(String text) {
        assertThat(XmltvTime.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "2026-03-15T12:00:00Z, 20260315120000 +0000", "2026-01-02T03:04:05Z, 20260102030405 +0000" })
    void formatsInUtc(String instant, String expected) {
        assertThat(XmltvTime.format(Instant.parse(instant))).isEqualTo(expected);
    }
}
