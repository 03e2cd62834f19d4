package org.polyplex.restream.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Template rendering: fields, named values, no second expansion, control characters dropped. */
class OverlayTemplateTest {

    private static final Instant NOW = Instant.parse("2026-12-03T17:05:09Z");

    @Test
    void shouldRenderTheClockTheChannelAndNamedValues() {
        assertThat(OverlayTemplate.render("{channel} {date} {time} | {temperature}", NOW, ZoneId.of("UTC"), "News",
                Map.of("temperature", "21 C"))).isEqualTo("News 2026-12-03 17:05:09 | 21 C");
        assertThat(OverlayTemplate.render("{time}", NOW, ZoneId.of("Europe/Berlin"), "", Map.of()))
                .isEqualTo("18:05:09");
    }

    @Test
    void shouldLeaveUnsetValuesEmptyAndNeverExpandWhatWasSubstituted() {
        assertThat(OverlayTemplate.render("a{missing}b", NOW, ZoneId.of("UTC"), "", Map.of())).isEqualTo("ab");
        assertThat(OverlayTemplate.render("{v}", NOW, ZoneId.of("UTC"), "{time}", Map.of("v", "{channel} $1 \\")))
                .isEqualTo("{channel} $1 \\");
        assertThat(OverlayTemplate.render("{channel}", NOW, ZoneId.of("UTC"), "{time}", Map.of())).isEqualTo("{time}");
        assertThat(OverlayTemplate.render("{Time} {ti me} {", NOW, ZoneId.of("UTC"), "", Map.of()))
                .isEqualTo("{Time} {ti me} {");
    }

    @Test
    void shouldKeepNewlinesAndDropOtherControlCharacters() {
        assertThat(OverlayTemplate.render("a\r\nb\u0007\tc", NOW, ZoneId.of("UTC"), "", Map.of())).isEqualTo("a\nbc");
        assertThat(OverlayTemplate.render(null, NOW, ZoneId.of("UTC"), "", Map.of())).isEmpty();
    }

    @Test
    void shouldTellWhichTemplatesFollowTheClock() {
        assertThat(OverlayTemplate.usesClock("at {time}")).isTrue();
        assertThat(OverlayTemplate.usesClock("on {date}")).isTrue();
        assertThat(OverlayTemplate.usesClock("{channel} {temperature}")).isFalse();
    }
}
