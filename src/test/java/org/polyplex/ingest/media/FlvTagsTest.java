package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlvTagsTest {

    @TempDir
    Path dir;

    @Test
    void splitsARealFlvStreamInAnyChunkingIntoClassifiedUnits() throws Exception {
        byte[] flv = MediaFixtures.flv(dir);
        FlvTags tags = new FlvTags();
        List<FlvTags.Unit> units = new ArrayList<>();
        Random random = new Random(7);
        for (int pos = 0; pos < flv.length;) {
            int n = Math.min(flv.length - pos, 1 + random.nextInt(40_000));
            tags.feed(Arrays.copyOfRange(flv, pos, pos + n), units::add);
            pos += n;
        }

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        units.forEach(u -> joined.writeBytes(u.bytes()));
        assertThat(joined.toByteArray()).isEqualTo(flv);
        assertThat(units.get(0).kind()).isEqualTo(FlvTags.Kind.HEADER);
        assertThat(units.get(0).bytes()).hasSize(13);
        assertThat(units.get(1).kind()).isEqualTo(FlvTags.Kind.METADATA);
        assertThat(units).filteredOn(u -> u.kind() == FlvTags.Kind.VIDEO_CONFIG).hasSize(1);
        assertThat(units).filteredOn(u -> u.kind() == FlvTags.Kind.AUDIO_CONFIG).hasSize(1);
        // -g 50 at 25 fps for 6 s: at least 3 keyframes (x264 may add one at a scene cut), 150 frames
        // and the AVC end-of-sequence tag
        assertThat(units).filteredOn(u -> u.kind() == FlvTags.Kind.VIDEO_KEY).hasSizeBetween(3, 6);
        assertThat(units).filteredOn(u -> u.kind() == FlvTags.Kind.VIDEO_KEY || u.kind() == FlvTags.Kind.VIDEO)
                .hasSize(151);
        assertThat(FlvTags.kind(units.get(units.size() - 1).bytes())).isNotEqualTo(FlvTags.Kind.VIDEO_KEY);
    }

    @Test
    void refusesBytesThatAreNotFlv() {
        assertThatThrownBy(() -> new FlvTags().feed("GET / HTTP/1.1\r\n".getBytes(), u -> {
        })).isInstanceOf(FlvTags.NotFlvException.class).hasMessageContaining("not an FLV");
    }
}
