package org.polyplex.xtream;

import java.util.List;
import java.util.Optional;

/** {@link XtreamConfig} with its documented defaults, for plain unit tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static XtreamConfig defaults() {
        return new FixedConfig();
    }

    private record FixedConfig() implements XtreamConfig {

        @Override
        public String timezone() {
            return "UTC";
        }

        @Override
        public Optional<String> publicHost() {
            return Optional.empty();
        }

        @Override
        public Optional<Integer> publicPort() {
            return Optional.empty();
        }

        @Override
        public Optional<String> publicScheme() {
            return Optional.empty();
        }

        @Override
        public int httpsPort() {
            return 443;
        }

        @Override
        public int rtmpPort() {
            return 1935;
        }

        @Override
        public List<String> allowedOutputFormats() {
            return List.of("m3u8", "ts");
        }

        @Override
        public Vod vod() {
            return null;
        }
    }
}
