package org.polyplex.proxy.refusal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads the enabled refusal slates, each once: a configured file, else the built-in one from the
 * classpath. Every slate must be MPEG-TS as players receive it: a whole number of 188-byte
 * packets, each starting with the sync byte. A configured file that is missing, unreadable, too
 * large or not MPEG-TS is a start-up error naming its key; silently answering the JSON refusal
 * instead would hide the mistake until a viewer complains. Blocking: start-up only.
 */
final class SlateFiles {

    static final String PREFIX = "polyplex.proxy.refusal-slates.";
    private static final int PACKET = 188;
    private static final byte SYNC = 0x47;

    private SlateFiles() {
    }

    /** The bytes of every enabled reason's slate. */
    static Map<SlateReason, byte[]> load(RefusalSlatesConfig config) {
        Map<SlateReason, byte[]> slates = new EnumMap<>(SlateReason.class);
        for (SlateReason reason : SlateReason.values()) {
            RefusalSlatesConfig.Reason settings = reason.config(config);
            if (!settings.enabled()) {
                continue;
            }
            String key = PREFIX + reason.key() + ".file";
            byte[] bytes = settings.file().isPresent() ? file(key, Path.of(settings.file().get()), config.maxFileBytes())
                    : builtIn(reason);
            requireTs(key, settings.file().orElse(reason.resource()), bytes);
            slates.put(reason, bytes);
        }
        return slates;
    }

    private static byte[] file(String key, Path path, int maxBytes) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(key + ": " + path + " does not exist or is not a file");
        }
        // read at most one byte past the bound: a file that grows after a size check is still caught
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IllegalStateException(key + ": " + path + " has more than " + PREFIX + "max-file-bytes ("
                        + maxBytes + ") bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(key + ": " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] builtIn(SlateReason reason) {
        try (InputStream in = SlateFiles.class.getClassLoader().getResourceAsStream(reason.resource())) {
            if (in == null) {
                throw new IllegalStateException("built-in slate " + reason.resource() + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireTs(String key, String name, byte[] bytes) {
        boolean ts = bytes.length >= PACKET && bytes.length % PACKET == 0;
        for (int i = 0; ts && i < bytes.length; i += PACKET) {
            ts = bytes[i] == SYNC;
        }
        if (!ts) {
            throw new IllegalStateException(key + ": " + name + " is not MPEG-TS (a whole number of 188-byte packets)");
        }
    }
}
