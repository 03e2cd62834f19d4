package org.polyplex.proxy.ts;

import java.nio.ByteBuffer;

import io.vertx.core.buffer.Buffer;

import io.netty.buffer.Unpooled;

/**
 * The chunks a session fans out live in direct memory, each exactly its size. A chunk is written
 * to every viewer; from a heap buffer each of those writes would first be copied into direct
 * memory by the socket layer, from a direct one the kernel reads it in place. The memory is the
 * JDK's, given back by the collector once no ring or write queue refers to the chunk, never by
 * hand: a write that fails or a queue that is dropped cannot free it under another viewer (Vert.x
 * hands each socket an unreleasable view of it).
 */
public final class Chunks {

    private Chunks() {
    }

    /** A direct copy of the first {@code length} bytes of {@code bytes}. */
    public static Buffer direct(byte[] bytes, int length) {
        ByteBuffer memory = ByteBuffer.allocateDirect(length);
        memory.put(bytes, 0, length).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(memory));
    }
}
