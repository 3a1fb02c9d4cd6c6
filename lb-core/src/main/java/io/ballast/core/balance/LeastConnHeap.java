package io.ballast.core.balance;

import io.ballast.core.request.RequestView;
import io.ballast.core.server.Server;

import java.util.List;

/**
 * The {@code leastconn} selector: the servers in a binary min-heap ordered by {@code (inFlight + 1) / weight}, kept
 * up to date by the servers themselves ({@link Server#loadListener}) each time a request starts or ends on one, so
 * that a pick is one volatile read and a load change costs {@code O(log n)}, as HAProxy's tree of servers ordered by
 * load ({@code lb_fwlc.c}) does. Ratios are compared by cross-multiplication in {@code long}.
 *
 * <p><b>Ties</b> go to the server whose load changed least recently, which is how HAProxy's tree orders servers
 * with the same key (a repositioned server goes after the others of its key): as requests start and end, servers
 * with equal loads take turns. A pick alone does not count as a change; the proxy's
 * {@code Server.requestStarted()} after the pick does.
 *
 * <p><b>Threads.</b> Load changes come from any event loop and update the heap under this object's monitor (a short
 * section, as HAProxy's lock on its tree); {@link #pick} does not lock: it reads the current head. Two picks at the
 * same moment may both get the same server before either request is counted, as with any lock-free pick.
 */
final class LeastConnHeap implements ServerSelector {

    private final Server[] servers;
    private final long[] weights;
    private final int[] loads;
    private final long[] changedAt;
    private final int[] heap;
    private final int[] position;
    private long changes;
    private volatile Server head;

    private LeastConnHeap(Server[] servers) {
        int n = servers.length;
        this.servers = servers;
        this.weights = new long[n];
        this.loads = new int[n];
        this.changedAt = new long[n];
        this.heap = new int[n];
        this.position = new int[n];
    }

    /**
     * Builds the heap from the servers' current loads and effective weights, and registers it with the servers.
     *
     * @param list the usable servers, in declaration order, never empty
     */
    static LeastConnHeap of(List<Server> list) {
        LeastConnHeap h = new LeastConnHeap(list.toArray(new Server[0]));
        h.init();
        return h;
    }

    private synchronized void init() {
        int n = servers.length;
        for (int i = 0; i < n; i++) {
            int index = i;
            servers[i].loadListener(() -> changed(index));
        }
        // loads are read after registering: a change in between is applied again by changed(), which re-reads
        for (int i = 0; i < n; i++) {
            weights[i] = Math.max(1, servers[i].effectiveWeight());
            loads[i] = servers[i].inFlight() + 1;
            heap[i] = i;
            position[i] = i;
        }
        for (int p = n / 2 - 1; p >= 0; p--) {
            siftDown(p);
        }
        head = servers[heap[0]];
    }

    @Override
    public Server pick(RequestView request) {
        return head;
    }

    /** Server {@code i}'s in-flight count changed: moves it to its new place. */
    private synchronized void changed(int i) {
        loads[i] = servers[i].inFlight() + 1;
        changedAt[i] = ++changes;
        siftUp(position[i]);
        siftDown(position[i]);
        head = servers[heap[0]];
    }

    /** Whether server {@code a} goes before server {@code b}. */
    private boolean before(int a, int b) {
        long left = loads[a] * weights[b];
        long right = loads[b] * weights[a];
        if (left != right) {
            return left < right;
        }
        if (changedAt[a] != changedAt[b]) {
            return changedAt[a] < changedAt[b];
        }
        return a < b;
    }

    private void siftUp(int p) {
        int s = heap[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!before(s, heap[parent])) {
                break;
            }
            place(heap[parent], p);
            p = parent;
        }
        place(s, p);
    }

    private void siftDown(int p) {
        int n = heap.length;
        int s = heap[p];
        while (true) {
            int child = 2 * p + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], s)) {
                break;
            }
            place(heap[child], p);
            p = child;
        }
        place(s, p);
    }

    private void place(int server, int p) {
        heap[p] = server;
        position[server] = p;
    }
}
