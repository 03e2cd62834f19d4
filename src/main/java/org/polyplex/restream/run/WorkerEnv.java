package org.polyplex.restream.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.polyplex.platform.process.Supervisor;
import org.polyplex.restream.ffmpeg.OutputCommand;

/**
 * What the destination workers of every restream share: the supervisor that runs their ffmpegs,
 * the one control thread all their transitions run on, the bounds, the command builder, the
 * encoder in use for encoded profiles, the callback that records a destination's use, the
 * machine's CPU use, the bounds of degraded mode (empty when it is off), and whether destinations
 * of one restream with the same encoded profile and audio mode share one encode.
 */
public record WorkerEnv(Supervisor supervisor, ScheduledExecutorService control, Clock clock, Path workDir,
        OutputCommand command, Supplier<String> encoder, RetrySchedule retry, Duration resetAfter,
        Duration stallTimeout, Duration startTimeout, Duration stopGrace, long queueBytes, LongConsumer used,
        DoubleSupplier cpu, Optional<DegradePolicy.Bounds> degrade, boolean shareEncodes) {
}
