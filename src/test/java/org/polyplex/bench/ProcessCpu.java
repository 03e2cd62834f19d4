package org.polyplex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from Linux's {@code /proc}. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** User plus system time in clock ticks (100 per second on Linux), 0 once the process is gone. */
    static long ticks(ProcessHandle process) {
        long[] split = split(process);
        return split[0] + split[1];
    }

    /** User and system time in clock ticks, {0, 0} once the process is gone. */
    static long[] split(ProcessHandle process) {
        String stat = read("/proc/" + process.pid() + "/stat");
        if (stat == null) {
            return new long[2];
        }
        // the command name, in parentheses, may hold spaces: the fields count from after it
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]) };
    }

    /** User and system ticks of a process and its children (nginx's master and workers). */
    static long[] splitWithChildren(ProcessHandle process) {
        long[] sum = split(process);
        process.children().forEach(child -> {
            long[] c = split(child);
            sum[0] += c[0];
            sum[1] += c[1];
        });
        return sum;
    }

    /** Resident set size in bytes, -1 when unknown. */
    static long rss(ProcessHandle process) {
        String status = read("/proc/" + process.pid() + "/status");
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return -1;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return null;
        }
    }
}
