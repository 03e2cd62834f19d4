package org.polyplex.testsupport;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Optional;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * The second pass of the suite, on PostgreSQL ({@code -Ppostgresql} sets
 * {@code polyplex.test.database-pass=true} for surefire), runs the tests that start Polyplex on
 * its database: the {@code @QuarkusTest} classes. A plain unit test opens no database, so a second
 * run proves nothing more; it runs on the H2 pass only. The packaged-application tests (failsafe)
 * never see the property and run on both. Off (every test included) unless the property is set.
 * Registered through {@code META-INF/services}.
 */
public final class DatabasePassFilter implements PostDiscoveryFilter {

    /** By name: Quarkus loads test classes in its own class loader, where the annotation is another class. */
    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!Boolean.getBoolean("polyplex.test.database-pass")) {
            return FilterResult.included("every test runs");
        }
        Optional<Class<?>> type = testClass(descriptor);
        if (type.isEmpty() || startsPolyplex(type.get())) {
            return FilterResult.included("starts Polyplex on its database");
        }
        return FilterResult.excluded("opens no database: runs on the H2 pass");
    }

    private static Optional<Class<?>> testClass(TestDescriptor descriptor) {
        return descriptor.getSource().flatMap(source -> {
            if (source instanceof ClassSource c) {
                return Optional.of(c.getJavaClass());
            }
            if (source instanceof MethodSource m) {
                return Optional.of(m.getJavaClass());
            }
            return Optional.empty();
        });
    }

    private static boolean startsPolyplex(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                if (Arrays.stream(k.getDeclaredAnnotations()).map(Annotation::annotationType)
                        .anyMatch(a -> a.getName().equals(QUARKUS_TEST))) {
                    return true;
                }
            }
        }
        return false;
    }
}
