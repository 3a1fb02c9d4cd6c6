package io.ballast.proxy;

import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code maxconn}: at the limit, listeners stop accepting, so that further connections wait in the
 * kernel's backlog as they do with HAProxy; they accept again as soon as a connection ends. A frontend's
 * limit sits under the global one: its listeners accept only while both have room. 0 means no limit.
 */
final class ConnectionLimit {

    private final int max;
    private final ConnectionLimit global;
    private final AtomicInteger open = new AtomicInteger();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionLimit> frontends = new CopyOnWriteArrayList<>();

    /** The process-wide limit. */
    static ConnectionLimit global(int max) {
        return new ConnectionLimit(max, null);
    }

    /** A frontend's limit under {@code global}. */
    static ConnectionLimit frontend(int max, ConnectionLimit global) {
        ConnectionLimit limit = new ConnectionLimit(max, global);
        global.frontends.add(limit);
        return limit;
    }

    private ConnectionLimit(int max, ConnectionLimit global) {
        this.max = max;
        this.global = global;
    }

    /** Makes {@code listener} accept only while this limit (and the global one) leave room, from now on. */
    void addListener(Channel listener) {
        listeners.add(listener);
        resume(listener);
    }

    /** Lets {@code listener}, paused for another reason, accept again as far as the limits leave room. */
    void resume(Channel listener) {
        if (listener.eventLoop().inEventLoop()) {
            applyTo(listener);
        } else {
            listener.eventLoop().execute(() -> applyTo(listener));
        }
    }

    /** Stops pausing and resuming {@code listener} for this limit (a reload handed it to another frontend). */
    void removeListener(Channel listener) {
        listeners.remove(listener);
    }

    /** The connections open now. */
    int current() {
        return open.get();
    }

    /** The limit in force: this one's {@code maxconn}, else the global one's; 0 when there is none. */
    int limit() {
        return max > 0 || global == null ? max : global.limit();
    }

    /** The connections open now in the whole process ({@code %ac}). */
    int globalCurrent() {
        return global != null ? global.current() : current();
    }

    /** Counts a new connection; call {@link #closed()} when it ends. */
    void opened() {
        boolean reached = open.incrementAndGet() == max;
        if (global != null) {
            global.opened();
        }
        if (reached) {
            refresh();
        }
    }

    void closed() {
        boolean freed = open.getAndDecrement() == max;
        if (global != null) {
            global.closed();
        }
        if (freed) {
            refresh();
        }
    }

    private void refresh() {
        if (global == null) {
            frontends.forEach(ConnectionLimit::refresh);
            return;
        }
        listeners.forEach(this::resume);
    }

    /**
     * Runs on the listener's event loop and reads the counts when it runs, so that the last decision
     * always reflects the latest count: a pause and a resume decided on two threads cannot land in the
     * wrong order and leave the listener paused with free slots.
     */
    private void applyTo(Channel listener) {
        listener.config().setAutoRead(!isFull() && (global == null || !global.isFull()));
    }

    private boolean isFull() {
        return max > 0 && open.get() >= max;
    }
}
