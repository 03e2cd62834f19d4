package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.polyplex.restream.ffmpeg.ImageDraw;
import org.polyplex.restream.ffmpeg.OverlayDraw;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.Profile;

import org.junit.jupiter.api.Test;

/** A destination's profile steps, and its overlays scaled with the picture while it runs lower. */
class ProfileStepsTest {

    private static final long S = 1_000_000_000L;
    private static final OverlayGraph OVERLAYS = new OverlayGraph(
            List.of(new ImageDraw(1, Path.of("/a/logo.png"), 1200, 600, 1.5, 1, ImageDraw.Fades.NONE)),
            List.of(new OverlayDraw(2, Path.of("/a/2.txt"), 60, 660, 36, "#ffffff", null, 1, 0, 0, 0)));

    private final ProfileSteps steps = new ProfileSteps(Profile.P720,
            new DegradePolicy(new DegradePolicy.Bounds(0.9, 0.95, Duration.ofSeconds(2), 0.6, Duration.ofSeconds(30))));

    @Test
    void shouldScaleTheOverlaysWithThePictureOnceSteppedDown() {
        assertThat(steps.fit(OVERLAYS)).isSameAs(OVERLAYS);
        String change = null;
        for (long t = 0; change == null && t < 10; t++) {
            change = steps.tick(t * S, 0.5, () -> 0.3);
        }
        assertThat(change).startsWith("steps down to 480p");
        assertThat(steps.active()).isEqualTo(Profile.P480);
        assertThat(steps.degraded()).contains("speed 0.50x");

        OverlayGraph fitted = steps.fit(OVERLAYS);
        ImageDraw logo = fitted.images().get(0);
        assertThat(logo.x()).isEqualTo(800);
        assertThat(logo.y()).isEqualTo(400);
        assertThat(logo.scale()).isEqualTo(1.0);
        OverlayDraw text = fitted.texts().get(0);
        assertThat(text.x()).isEqualTo(40);
        assertThat(text.y()).isEqualTo(440);
        assertThat(text.fontSize()).isEqualTo(24);

        steps.reset();
        assertThat(steps.active()).isEqualTo(Profile.P720);
        assertThat(steps.degraded()).isNull();
        assertThat(steps.fit(OVERLAYS)).isSameAs(OVERLAYS);
    }

    @Test
    void shouldNeverStepACopyDestination() {
        ProfileSteps copy = new ProfileSteps(Profile.COPY,
                new DegradePolicy(new DegradePolicy.Bounds(0.9, 0.95, Duration.ofSeconds(1), 0.6, Duration.ofSeconds(1))));
        for (long t = 0; t < 10; t++) {
            assertThat(copy.tick(t * S, 0.1, () -> 1.0)).isNull();
        }
        assertThat(copy.active()).isEqualTo(Profile.COPY);
        assertThat(copy.fit(OVERLAYS)).isSameAs(OVERLAYS);
    }
}
