package org.polyplex.xtream;

import java.io.OutputStream;
import java.util.Iterator;
import java.util.stream.Stream;

import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a JSON array element by element straight to the response, so that a 50,000-channel
 * list never exists as one string or tree: memory per request is one element plus the
 * generator's buffer.
 */
final class JsonArrayOutput implements StreamingOutput {

    private final ObjectWriter writer;
    private final Stream<?> elements;

    private JsonArrayOutput(ObjectMapper mapper, Stream<?> elements) {
        // the default flushes after each value: one network write per element
        this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.elements = elements;
    }

    static JsonArrayOutput of(ObjectMapper mapper, Stream<?> elements) {
        return new JsonArrayOutput(mapper, elements);
    }

    @Override
    public void write(OutputStream out) throws java.io.IOException {
        try (JsonGenerator gen = writer.getFactory().createGenerator(out, JsonEncoding.UTF8); elements) {
            gen.writeStartArray();
            Iterator<?> it = elements.iterator();
            while (it.hasNext()) {
                writer.writeValue(gen, it.next());
            }
            gen.writeEndArray();
        }
    }
}
