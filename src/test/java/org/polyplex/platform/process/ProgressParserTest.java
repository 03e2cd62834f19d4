package org.polyplex.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProgressParserTest {

    @Test
    void shouldReadDroppedAndDuplicatedFramesOfABlock() {
        ProgressParser parser = new ProgressParser(Clock.systemUTC());
        Optional<Progress> block = Optional.empty();
        for (String line : List.of("frame=399", "fps=25.00", "bitrate= 570.3kbits/s", "out_time_us=15982000",
                "dup_frames=3", "drop_frames=7", "speed=1.01x", "progress=continue")) {
            block = parser.line(line);
        }
        Progress p = block.orElseThrow();
        assertThat(p.frame()).isEqualTo(399);
        assertThat(p.bitrateKbps()).isEqualTo(570.3);
        assertThat(p.duplicatedFrames()).isEqualTo(3);
        assertThat(p.droppedFrames()).isEqualTo(7);
        assertThat(parser.line("progress=end").orElseThrow().droppedFrames()).isEqualTo(-1);
    }
}
