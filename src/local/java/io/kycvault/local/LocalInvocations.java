package io.kycvault.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The local stand-in for Lambda's REPORT lines: invocations and billed milliseconds (each
 * invocation rounded up to the next millisecond, as Lambda bills) per function, read by bench/
 * through {@code /_local/metrics}.
 */
final class LocalInvocations {

    private record Tally(LongAdder invocations, LongAdder billedMillis) {
    }

    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    private LocalInvocations() {
    }

    static <T> T timed(String function, Supplier<T> invocation) {
        long start = System.nanoTime();
        try {
            return invocation.get();
        } finally {
            long nanos = System.nanoTime() - start;
            Tally tally = TALLIES.computeIfAbsent(function, f -> new Tally(new LongAdder(), new LongAdder()));
            tally.invocations().increment();
            tally.billedMillis().add((nanos + 999_999) / 1_000_000);
        }
    }

    /** {@code Lambda:<function>:invocations} and {@code Lambda:<function>:billedMs}, sorted by name. */
    static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        TALLIES.forEach((function, tally) -> {
            out.put("Lambda:" + function + ":invocations", tally.invocations().sum());
            out.put("Lambda:" + function + ":billedMs", tally.billedMillis().sum());
        });
        return out;
    }

    static void reset() {
        TALLIES.clear();
    }
}
