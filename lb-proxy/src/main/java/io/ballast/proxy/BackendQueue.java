package io.ballast.proxy;

import io.ballast.core.request.RequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;

import java.util.concurrent.ConcurrentLinkedDeque;

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

    BackendQueue(Backend backend) {
        this.backend = backend;
    }

    /**
     * A server with room for one more request, counted as started, or {@code null} when all are full. {@code first}
     * (the algorithm's or {@code use-server}'s choice) is tried first; the others then in the algorithm's order, as
     * HAProxy skips saturated servers. A new request waits behind those already queued; a woken one does not.
     */
    Server take(Server first, RequestView request, boolean woken) {
        if (!woken && !waiting.isEmpty()) {
            return null;
        }
        if (first.isUsable() && first.tryRequestStarted()) {
            return first;
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

    /** Queues {@code waiter} behind the others, or at the front when it was woken and lost the race. */
    void enqueue(Waiter waiter, boolean front) {
        if (front) {
            waiting.offerFirst(waiter);
        } else {
            waiting.offerLast(waiter);
        }
        // A slot freed between the failed attempt and now would wake nobody: check once more.
        if (hasRoom()) {
            wakeNext();
        }
    }

    /** Takes a waiter out (it timed out or its client left). */
    void remove(Waiter waiter) {
        waiting.remove(waiter);
    }

    /** Ends a request on {@code server} and wakes the next waiter if that made room. */
    void requestEnded(Server server) {
        server.requestEnded();
        if (!waiting.isEmpty()) {
            wakeNext();
        }
    }

    private void wakeNext() {
        Waiter next = waiting.pollFirst();
        if (next != null) {
            next.wake();
        }
    }

    private boolean hasRoom() {
        for (Server s : backend.servers()) {
            int max = s.config().maxconn();
            if (s.isUsable() && (max == 0 || s.inFlight() < max)) {
                return true;
            }
        }
        return false;
    }

    /** Requests waiting now. */
    int size() {
        return waiting.size();
    }
}
