package org.polyplex.restream;

import java.lang.management.ManagementFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The machine's CPU use, 0 to 1 over all cores, as the JVM reads it from the system. Sampled at
 * most once a second whoever asks, so many destinations asking each second see one steady figure
 * rather than the noise of back-to-back readings; NaN until the system can tell.
 */
@ApplicationScoped
public class MachineLoad {

    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final com.sun.management.OperatingSystemMXBean os;
    // guarded by this
    private long sampledAt;
    private double last = Double.NaN;

    public MachineLoad() {
        this.os = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
                ? o
                : null;
    }

    /** CPU use now, 0 to 1; NaN when unknown (then no step is taken for the CPU). */
    public synchronized double cpu() {
        long now = System.nanoTime();
        if (os != null && (sampledAt == 0 || now - sampledAt >= SAMPLE_NANOS)) {
            double v = os.getCpuLoad();
            last = v < 0 ? Double.NaN : v;
            sampledAt = now;
        }
        return last;
    }
}
