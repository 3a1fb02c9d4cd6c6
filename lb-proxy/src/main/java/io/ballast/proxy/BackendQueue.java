package io.ballast.proxy;

import io.ballast.core.request.RequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of one backend waiting for a server slot: when every usable server has reached its {@code maxconn},
 * a request waits here, in arrival order, until a request ends on one of them or {@code timeout queue} expires
 * (HAProxy's backend queue). Client sessions of any event loop use it; each waiting session is woken on its own
 * loop.
 */
final class BackendQueue {

    /** A session waiting in the queue. */
    interface Waiter {
        /** Called on any thread when a slot may be free: the waiter tries again on its own event loop. */
        void wake();
    }

    private final Backend backend;
    private final ConcurrentLinkedDeque<Waiter> waiting = new ConcurrentLinkedDeque<>();
    /** How many wait: the deque's own size() walks it, and the stats and logs read the length at every enqueue. */
    private final AtomicInteger length = new AtomicInteger();
    /** Requests ended so far: a waiter compares it across its failed attempt to know whether a slot freed since. */
    private final AtomicLong ended = new AtomicLong();

    BackendQueue(Backend backend) {
        this.backend = backend;
    }

    /**
     * A server with room for one more request, counted as started, or {@code null} when all are full. {@code first}
     * (the algorithm's or {@code use-server}'s choice) is tried first; the others then in the algorithm's order, as
     * HAProxy skips saturated servers. A new request waits behind those already queued; a woken one does not.
     *
     * @param onlyFirst the request is pinned to {@code first} ({@code use-server}): it waits for that server
     */
    Server take(Server first, RequestView request, boolean woken, boolean onlyFirst) {
        if (!woken && !waiting.isEmpty()) {
            return null;
        }
        if (first.isUsable() && first.tryRequestStarted()) {
            return first;
        }
        if (onlyFirst) {
            return null;
        }
        int attempts = backend.servers().size();
        for (int i = 0; i < attempts; i++) {
            Server s = backend.pick(request);
            if (s != null && s != first && s.tryRequestStarted()) {
                return s;
            }
        }
        return null;
    }

    /** The count of requests ended so far; read it before a {@link #take} attempt, pass it to {@link #enqueue}. */
    long endedSoFar() {
        return ended.get();
    }

    /**
     * Queues {@code waiter} behind the others, or at the front when it was woken and lost the race.
     *
     * @param endedBefore {@link #endedSoFar()} read before the failed {@link #take}: when a request ended since, the
     *                    slot it freed may have woken nobody, so the head of the queue is woken now
     */
    void enqueue(Waiter waiter, boolean front, long endedBefore) {
        length.incrementAndGet();
        if (front) {
            waiting.offerFirst(waiter);
        } else {
            waiting.offerLast(waiter);
        }
        if (ended.get() != endedBefore) {
            passWake();
        }
    }

    /**
     * Takes a waiter out (it timed out or its client left). A waiter already taken out to be woken passes the wake
     * on, so that the slot it was woken for is not lost.
     */
    void remove(Waiter waiter) {
        if (waiting.remove(waiter)) {
            length.decrementAndGet();
        } else {
            passWake();
        }
    }

    /** Ends a request on {@code server} and wakes the next waiter. */
    void requestEnded(Server server) {
        server.requestEnded();
        ended.incrementAndGet();
        if (!waiting.isEmpty()) {
            passWake();
        }
    }

    private void passWake() {
        Waiter next = waiting.pollFirst();
        if (next != null) {
            length.decrementAndGet();
            next.wake();
        }
    }

    /** Requests waiting now. */
    int size() {
        return length.get(); // counted before each offer, uncounted after each successful poll or remove: never < 0
    }
}
