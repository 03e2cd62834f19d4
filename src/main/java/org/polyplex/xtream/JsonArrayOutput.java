package org.polyplex.xtream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.stream.Stream;

import jakarta.ws.rs.core.StreamingOutput;

import org.polyplex.platform.load.RequestLimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a JSON array element by element straight to the response through Jackson's
 * {@link SequenceWriter}, so that a 50,000-channel list never exists as one string or tree:
 * memory per request is one element plus the generator's buffer. The bytes go through the load
 * limits' meter.
 */
final class JsonArrayOutput implements StreamingOutput {

    private final ObjectWriter writer;
    private final Stream<?> elements;
    private final RequestLimits limits;

    private JsonArrayOutput(ObjectWriter writer, Stream<?> elements, RequestLimits limits) {
        this.writer = writer;
        this.elements = elements;
        this.limits = limits;
    }

    /**
     * @param type the element type: its serializer is resolved once, not once per element
     */
    static <T> JsonArrayOutput of(ObjectMapper mapper, Class<T> type, Stream<? extends T> elements,
            RequestLimits limits) {
        // the default flushes after each value: one network write per element
        return new JsonArrayOutput(mapper.writerFor(type).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE),
                elements, limits);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        // closing the sequence writes the closing bracket and closes the stream
        try (elements; SequenceWriter array = writer.writeValuesAsArray(limits.metered(out))) {
            Iterator<?> it = elements.iterator();
            while (it.hasNext()) {
                array.write(it.next());
            }
        }
    }
}
