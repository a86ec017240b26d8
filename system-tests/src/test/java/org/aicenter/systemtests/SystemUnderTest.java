package org.aicenter.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * Starts the system once for every test class of the module (the first class that asks starts
 * it) and stops it when the whole run ends: it lives in the root context's store, which JUnit
 * closes last. Use with {@code @ExtendWith(SystemUnderTest.class)} and {@link #system()}.
 */
public final class SystemUnderTest implements BeforeAllCallback {

    private static volatile RunningSystem system;
    /** A start that failed is not tried again by every later class: they all fail at once with its reason. */
    private static volatile RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningSystem.class.getName(), key -> new Started(start()), Started.class);
    }

    public static RunningSystem system() {
        if (system == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SystemUnderTest.class)");
        }
        return system;
    }

    private static RunningSystem start() {
        if (startFailure != null) {
            throw new IllegalStateException("the system under test did not start (see the first failure)", startFailure);
        }
        try {
            return startOnce();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static RunningSystem startOnce() {
        Path root = Path.of(System.getProperty("aic.root", "..")).toAbsolutePath().normalize();
        String attach = System.getProperty("aic.attach", System.getenv().getOrDefault("AIC_ATTACH", ""));
        if (!attach.isBlank()) {
            // While developing a test: use a stack already started by ./aic up with the same AIC_* variables.
            system = RunningSystem.attach(root, System.getenv(), System.out);
            System.out.println("Attached to the running system at " + system.gatewayUrl());
            return system;
        }
        // Under target/, so a failed run leaves the services' logs to read, and `clean` removes it.
        Path data = root.resolve("system-tests/target/aic-data");
        long began = System.nanoTime();
        System.out.println("Starting the system under test (data in " + data + ") ...");
        RunningSystem started;
        try {
            started = RunningSystem.start(root, data, System.out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the system did not start: " + e.getMessage(), e);
        }
        System.out.printf("System under test ready in %.1f s; gateway %s%n", (System.nanoTime() - began) / 1e9,
                started.gatewayUrl());
        system = started;
        return started;
    }

    /** Closed by JUnit when the root context ends, i.e. after the last test class. */
    private record Started(RunningSystem running) implements AutoCloseable {
        @Override
        public void close() {
            ContractChecked.report();
            System.out.println("Stopping the system under test ...");
            running.close();
        }
    }
}
