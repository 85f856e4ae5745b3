package io.kycvault.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.NativeReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native image only keeps what is registered for reflection, and Jackson reflects on every
 * type it reads or writes. This finds those types — every record of a handler package, the error
 * body, personal data (sealed as JSON), the registration message, and every project type their
 * components reach — and fails when one is not registered in {@link NativeReflection}.
 */
class NativeReflectionTest {

    /** Serialised types outside handler packages: bodies handlers return as they are, and stored JSON. */
    private static final Set<String> ROOTS = Set.of(
            "io.kycvault.api.ApiError",
            "io.kycvault.intake.model.PersonalData",
            "io.kycvault.review.application.RegistrationRequest",
            "io.kycvault.review.application.ReadingReviewQueue$Page",
            "io.kycvault.lifecycle.application.ManagingDataSubjectRights$Export",
            "io.kycvault.lifecycle.application.ManagingDataSubjectRights$Erasure",
            "io.kycvault.lifecycle.application.ManagingRetention$Pending",
            "io.kycvault.lifecycle.application.RunningLifecycle$Report");

    @Test
    void everySerialisedTypeIsRegistered() throws Exception {
        Set<String> serialised = serialisedTypes(Path.of("target", "classes"));
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        Set<String> registered = Arrays.stream(registration.targets()).map(Class::getName).collect(Collectors.toSet());
        assertThat(serialised).isNotEmpty();
        assertThat(registered).as("types Jackson serialises but the native image would not keep").containsAll(serialised);
    }

    static Set<String> serialisedTypes(Path classes) throws IOException, ClassNotFoundException {
        Deque<Class<?>> pending = new ArrayDeque<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                if (!name.startsWith("io.kycvault.") || name.startsWith("io.kycvault.registry.contract")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
                boolean handlerRecord = type.isRecord() && type.getPackageName().endsWith(".handler");
                if (handlerRecord || ROOTS.contains(name)) {
                    pending.add(type);
                }
            }
        }
        Set<String> found = new TreeSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!type.getName().startsWith("io.kycvault.") || !found.add(type.getName())) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    reach(component.getGenericType(), pending);
                }
            }
        }
        // Enums are read and written by name through their constants, which native images keep.
        found.removeIf(name -> {
            try {
                return Class.forName(name, false, NativeReflectionTest.class.getClassLoader()).isEnum();
            } catch (ClassNotFoundException e) {
                return false;
            }
        });
        return found;
    }

    private static void reach(Type type, Deque<Class<?>> pending) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                reach(c.getComponentType(), pending);
            } else {
                pending.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            reach(p.getRawType(), pending);
            for (Type argument : p.getActualTypeArguments()) {
                reach(argument, pending);
            }
        }
    }
}
