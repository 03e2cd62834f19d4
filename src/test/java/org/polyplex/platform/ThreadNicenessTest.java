package org.polyplex.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class ThreadNicenessTest {

    /** Field 19 of /proc/thread-self/stat, after the parenthesised command name. */
    private static int niceness() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void theCallingThreadAloneGetsTheNiceness() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        int before = niceness();
        int[] seen = new int[2];
        Thread worker = new Thread(() -> {
            try {
                assertThat(ThreadNiceness.lowerCurrentThread(15)).isTrue();
                seen[0] = niceness();
                assertThat(ThreadNiceness.lowerCurrentThread(0)).as("0 changes nothing").isFalse();
                seen[1] = niceness();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        worker.join();
        assertThat(seen).containsExactly(15, 15);
        assertThat(niceness()).as("other threads keep theirs").isEqualTo(before);
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return niceness();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get()).isEqualTo(before);
    }
}
