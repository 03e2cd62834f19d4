package org.polyplex.hdhr;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The HDHomeRun emulation: every line is a network tuner at {@code /hdhr/{u}/{p}/} (always on, like
 * {@code get.php}), and optionally one line is announced on the LAN (off by default) by SSDP, by
 * SiliconDust's own UDP discovery, or both: the line of {@code polyplex.hdhr.ssdp.username} /
 * {@code password} for either.
 */
@ConfigMapping(prefix = "polyplex.hdhr")
public interface HdhrConfig {

    /**
     * {@code FriendlyName} of every device; the line's username is appended in brackets, so two
     * lines added to one Plex or Jellyfin server can be told apart.
     */
    @WithDefault("Polyplex")
    @Size(min = 1, max = 64)
    String friendlyName();

    /**
     * Mixed into every {@code DeviceID} (with the username). Clients key tuners by
     * {@code DeviceID}: give each Polyplex server on one LAN its own seed, and never change it
     * afterwards, or every client sees new devices.
     */
    @WithDefault("polyplex")
    @Size(min = 1, max = 128)
    String deviceIdSeed();

    /** SSDP discovery on the LAN; its {@code username} / {@code password} name the announced line. */
    Ssdp ssdp();

    /** SiliconDust's UDP discovery (port 65001) on the LAN, for the same announced line as SSDP. */
    UdpDiscovery udpDiscovery();

    /**
     * Answers to the discovery requests of SiliconDust's protocol (Plex's and Jellyfin's tuner
     * scans, {@code hdhomerun_config discover}) for the line announced in {@code polyplex.hdhr.ssdp}.
     */
    interface UdpDiscovery {

        /** Whether to answer at all. Off by default: it tells anyone on the LAN the announced line. */
        @WithDefault("false")
        boolean enabled();

        /**
         * Local address to bind; {@code 0.0.0.0} receives the broadcast requests of the whole LAN,
         * a unicast address (such as {@code 127.0.0.1}) only requests sent straight to it.
         */
        @WithDefault("0.0.0.0")
        @Pattern(regexp = "[0-9.]{7,15}")
        String bindAddress();

        /** UDP port; 65001 is the one clients send to (0 picks a free one, for tests). */
        @WithDefault("65001")
        @Min(0)
        @Max(65535)
        int port();

        /** Answers sent per second at most, all askers together (the burst is the same number). */
        @WithDefault("20")
        @Min(1)
        @Max(1000)
        int maxAnswersPerSecond();
    }

    /** Answers to SSDP {@code M-SEARCH} requests for one advertised line. */
    interface Ssdp {

        /** Whether to answer on UDP at all. Off by default: it tells anyone on the LAN the advertised line. */
        @WithDefault("false")
        boolean enabled();

        /**
         * Local address to bind; {@code 0.0.0.0} receives the multicast searches of the whole LAN,
         * a unicast address (such as {@code 127.0.0.1}) only searches sent straight to it.
         */
        @WithDefault("0.0.0.0")
        @Pattern(regexp = "[0-9.]{7,15}")
        String bindAddress();

        /** UDP port; 1900 is the SSDP port every client searches on (0 picks a free one, for tests). */
        @WithDefault("1900")
        @Min(0)
        @Max(65535)
        int port();

        /**
         * Network interface (for example {@code eth0}) that joins the SSDP multicast group
         * {@code 239.255.255.250}; unset, the system's default multicast interface.
         */
        Optional<@Size(min = 1, max = 64) String> networkInterface();

        /**
         * Host name or address written into SSDP's {@code LOCATION} and UDP discovery's base URL;
         * unset, the {@code polyplex.xtream.public-host} or else this server's address on the
         * asker's subnet.
         */
        Optional<@Pattern(regexp = "[A-Za-z0-9.\\-]{1,255}") String> advertisedHost();

        /** Username of the line announced, by SSDP and by UDP discovery (required when either is on). */
        Optional<@Size(min = 1, max = 128) String> username();

        /**
         * Password of the announced line (required when SSDP or UDP discovery is on); env
         * {@code POLYPLEX_HDHR_SSDP_PASSWORD}.
         */
        Optional<@Size(min = 1, max = 128) String> password();

        /** Answers sent per second at most, all askers together (the burst is the same number). */
        @WithDefault("20")
        @Min(1)
        @Max(1000)
        int maxAnswersPerSecond();

        /** {@code CACHE-CONTROL: max-age} of an answer: how long clients may remember the device. */
        @WithDefault("PT30M")
        @DurationMin(seconds = 60)
        Duration maxAge();
    }
}
