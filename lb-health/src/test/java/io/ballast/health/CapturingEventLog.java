package io.ballast.health;

import io.ballast.core.log.EventLog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Records events for assertions. */
final class CapturingEventLog implements EventLog {

    record Event(Level level, String message) {
        /** The message with its check duration replaced by {@code Nms}, which varies between runs. */
        String normalized() {
            return message.replaceAll("check duration: \\d+ms", "check duration: Nms");
        }
    }

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message) {
        events.add(new Event(level, message));
    }

    /** The first event whose message contains {@code text}, waiting for it up to {@code timeout}. */
    Event await(String text, Duration timeout) {
        await(() -> find(text) != null, timeout, "an event containing '" + text + "'");
        return find(text);
    }

    Event await(String text, Duration timeout, Object context) {
        await(() -> find(text) != null, timeout, "an event containing '" + text + "' in " + events + " " + context);
        return find(text);
    }

    Event find(String text) {
        return events.stream().filter(e -> e.message().contains(text)).findFirst().orElse(null);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
