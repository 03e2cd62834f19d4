package org.polyplex.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;

/**
 * Every numeric and duration property of every {@code @ConfigMapping} carries a Bean Validation
 * bound, so that {@code ring-chunks=0} or a negative duration stops the start with a message
 * naming the key instead of throwing later in the data plane. A new property without a bound
 * fails this test.
 */
class ConfigBoundsTest {

    private static final Set<Class<?>> BOUNDED = Set.of(int.class, long.class, double.class, Integer.class,
            Long.class, Double.class, Duration.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    @Test
    void shouldBoundEveryNumberAndDurationOfEveryMapping() {
        List<String> unbounded = new ArrayList<>();
        List<Class<?>> mappings = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.polyplex").stream().filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                .map(JavaClass::reflect).toList();
        assertThat(mappings).isNotEmpty();
        for (Class<?> mapping : mappings) {
            collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), unbounded);
        }
        assertThat(unbounded).as("config properties without a Bean Validation bound").isEmpty();
    }

    private static void collect(Class<?> group, String prefix, List<String> unbounded) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0 || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("org.polyplex")) {
                collect(type, key, unbounded);
            } else if (BOUNDED.contains(type) && !constrained(method.getAnnotations())) {
                unbounded.add(key);
            } else if (type == Optional.class && boundedOptional(method.getAnnotatedReturnType())) {
                unbounded.add(key);
            }
        }
    }

    /** {@code Optional<Integer>} (or Long, Duration) whose element carries no bound. */
    private static boolean boundedOptional(AnnotatedType type) {
        if (!(type instanceof AnnotatedParameterizedType parameterized)) {
            return false;
        }
        AnnotatedType element = parameterized.getAnnotatedActualTypeArguments()[0];
        return BOUNDED.contains(element.getType()) && !constrained(element.getAnnotations());
    }

    private static boolean constrained(Annotation[] annotations) {
        return Arrays.stream(annotations).map(a -> a.annotationType().getPackageName())
                .anyMatch(p -> p.startsWith("jakarta.validation.constraints")
                        || p.startsWith("org.hibernate.validator.constraints"));
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
