package org.polyplex.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.ingest.rtmp.wire.RtmpProtocolException;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class Amf0Test {

    private static List<Object> roundTrip(Object... values) {
        Amf0Writer writer = new Amf0Writer();
        Arrays.stream(values).forEach(writer::write);
        return new Amf0Reader(writer.toBuffer(), 0).readAll();
    }

    @Test
    void shouldRoundTripEveryType() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("capabilities", 31.0);
        object.put("nested", Map.of("ok", true));
        Map<String, Object> ecma = new LinkedHashMap<>();
        ecma.put("width", 640.0);
        ecma.put("encoder", "Lavf59");
        String longString = "x".repeat(70_000);
        List<Object> values = roundTrip("connect", 1.5, true, false, null, Amf0.UNDEFINED, object,
                new Amf0.EcmaArray(ecma), List.of(1.0, "two"), new Amf0.Date(1.7e12, (short) 0), longString, "");
        assertThat(values).containsExactly("connect", 1.5, true, false, null, Amf0.UNDEFINED, object,
                new Amf0.EcmaArray(ecma), List.of(1.0, "two"), new Amf0.Date(1.7e12, (short) 0), longString, "");
    }

    @Test
    void shouldRefuseAnUnsupportedTypeMarker() {
        for (int marker : new int[] { 0x04, 0x07, 0x0D, 0x0F, 0x10, 0x11, 0x42 }) {
            Buffer body = Buffer.buffer().appendByte((byte) marker).appendBytes(new byte[8]);
            assertThatThrownBy(() -> new Amf0Reader(body, 0).readAll()).as("marker %d", marker)
                    .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("type marker");
        }
    }

    @Test
    void shouldRefuseNestingBeyondTheBound() {
        Object value = 1.0;
        for (int i = 0; i < Amf0Reader.MAX_DEPTH; i++) {
            value = Map.of("a", value);
        }
        assertThat(roundTrip(value)).hasSize(1);
        Object deeper = List.of(value);
        assertThatThrownBy(() -> roundTrip(deeper)).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void shouldRefuseTruncatedValuesAndLyingLengths() {
        Buffer full = new Amf0Writer().write("onMetaData").write(Map.of("a", 1.0)).toBuffer();
        int firstValue = 3 + "onMetaData".length();
        for (int cut = 1; cut < full.length(); cut++) {
            if (cut == firstValue) {
                continue; // a whole value: nothing truncated
            }
            Buffer truncated = full.getBuffer(0, cut);
            assertThatThrownBy(() -> new Amf0Reader(truncated, 0).readAll()).as("cut at %d", cut)
                    .isInstanceOf(RtmpProtocolException.class);
        }
        Buffer hugeArray = Buffer.buffer().appendByte((byte) 0x0A).appendUnsignedInt(0xFFFFFFFFL);
        assertThatThrownBy(() -> new Amf0Reader(hugeArray, 0).readAll()).isInstanceOf(RtmpProtocolException.class);
        Buffer hugeString = Buffer.buffer().appendByte((byte) 0x0C).appendUnsignedInt(0xFFFFFFF0L).appendByte((byte) 1);
        assertThatThrownBy(() -> new Amf0Reader(hugeString, 0).readAll()).isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void shouldBoundTheEntriesOfAnObject() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i <= Amf0Reader.MAX_ENTRIES; i++) {
            many.put("k" + i, null);
        }
        assertThatThrownBy(() -> roundTrip(many)).isInstanceOf(RtmpProtocolException.class);
        List<Object> values = new ArrayList<>(roundTrip(Map.of("k", 1.0)));
        assertThat(values).hasSize(1);
    }
}
