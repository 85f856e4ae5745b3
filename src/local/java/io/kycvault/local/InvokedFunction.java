package io.kycvault.local;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which Lambda function the current thread is acting as. In AWS each function is its own process
 * with its own role; on a laptop every function shares one JVM, so the local event sources (API
 * gateway, queue pollers, scheduler) and the tests name the function around each invocation. The
 * authorization oracle's call recorder reads it to charge every AWS call to the role that would
 * make it in AWS.
 */
public final class InvokedFunction {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private InvokedFunction() {
    }

    public static <T> T as(String function, Supplier<T> invocation) {
        String outer = CURRENT.get();
        CURRENT.set(function);
        try {
            return invocation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static void as(String function, Runnable invocation) {
        as(function, () -> {
            invocation.run();
            return null;
        });
    }

    /** Work of the harness itself, charged to no function (the oracle skips it). */
    public static void outside(Runnable work) {
        String outer = CURRENT.get();
        CURRENT.remove();
        try {
            work.run();
        } finally {
            if (outer != null) {
                CURRENT.set(outer);
            }
        }
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
