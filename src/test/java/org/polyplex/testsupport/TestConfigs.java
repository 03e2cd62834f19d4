package org.polyplex.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/**
 * The one way plain unit tests build {@code @ConfigMapping} interfaces: SmallRye Config with the
 * mappings' own defaults, Quarkus' duration and memory-size syntax and the Bean Validation checks Quarkus runs at
 * start-up, plus the overrides a test names. (Hand-written implementations of the interfaces
 * drift from their defaults and skip validation.)
 */
public final class TestConfigs {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private TestConfigs() {
    }

    /** One mapping at its defaults. */
    public static <T> T defaults(Class<T> mapping) {
        return of(mapping, Map.of());
    }

    /** One mapping with {@code overrides} (full keys, e.g. {@code polyplex.load.per-line}). */
    public static <T> T of(Class<T> mapping, Map<String, String> overrides) {
        return config(Map.of(mapping.getSimpleName(), mapping), overrides).getConfigMapping(mapping);
    }

    /**
     * Several mappings validated together, as at start-up; read each with
     * {@link SmallRyeConfig#getConfigMapping(Class)}. Throws the start-up error on invalid values.
     */
    public static SmallRyeConfig config(Map<String, Class<?>> mappings, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .withSources(new PropertiesConfigSource(new HashMap<>(overrides), "test", 500));
        mappings.values().forEach(builder::withMapping);
        return builder.build();
    }
}
