package org.polyplex.console.session;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web console: its admin sessions and the dashboard's in-memory history (docs/console.md). */
@ConfigMapping(prefix = "polyplex.console")
public interface ConsoleConfig {

    /** Longest life of a console session from its login, however active. Default 12 hours. */
    @WithDefault("PT12H")
    @DurationMin(seconds = 1)
    @DurationMax(days = 30)
    Duration sessionTtl();

    /** A session unused this long ends (the next page asks to log in again). Default 30 minutes. */
    @WithDefault("PT30M")
    @DurationMin(seconds = 1)
    @DurationMax(days = 30)
    Duration idleTimeout();

    /**
     * How often the dashboard's graphs take a sample (viewers, sessions, bytes in and out).
     * Default 30 s. The scheduler reads the raw property, repeated in application.properties.
     */
    @WithDefault("PT30S")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 10)
    Duration historyEvery();

    /** How far back the dashboard's graphs reach; samples older than this are dropped. Default 1 hour. */
    @WithDefault("PT1H")
    @DurationMin(minutes = 1)
    @DurationMax(days = 1)
    Duration historyWindow();

    /** Most console sessions kept in memory on this node; past it the least recently used ends. */
    @WithDefault("1000")
    @Min(1)
    @Max(1_000_000)
    int maxSessions();

    /**
     * How long the dashboard's health (upstreams, engine, database, disk, last runs) is reused
     * before it is checked again: however many admins watch, the checks run at most this often.
     */
    @WithDefault("PT5S")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration healthCacheFor();

    /**
     * Directory whose disk the dashboard shows (free and used): where the H2 file, spools and
     * archives live. Relative to the working directory.
     */
    @WithDefault("data")
    String diskPath();
}
