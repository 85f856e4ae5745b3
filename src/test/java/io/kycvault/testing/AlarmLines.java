package io.kycvault.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log lines the template's metric filters turn into alarms (SECURITY_EVENT, AUDIT_CHAIN_BROKEN),
 * as the application logs them: a handler on the application's loggers while a test runs.
 */
public final class AlarmLines extends Handler implements AutoCloseable {

    private static final List<String> MARKERS = List.of("SECURITY_EVENT", "AUDIT_CHAIN_BROKEN");

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private AlarmLines() {
    }

    /** Starts capturing; {@link #close()} stops. */
    public static AlarmLines capture() {
        AlarmLines tap = new AlarmLines();
        Logger.getLogger("io.kycvault").addHandler(tap);
        return tap;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && MARKERS.stream().anyMatch(message::contains)) {
            lines.add(message);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("io.kycvault").removeHandler(this);
    }
}
