package io.ballast.proxy.tls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks what serves a TLS handshake from the server name the client sent (SNI), as HAProxy picks certificates: an
 * exact name first, then a wildcard covering exactly one label ({@code *.example.com} matches
 * {@code www.example.com}, neither {@code example.com} nor {@code a.b.example.com}), among entries in the order they
 * were added; a negative filter ({@code !secure.example.com}) keeps an entry's wildcard from matching that name. No
 * match, or no SNI, gives the first entry added, the default, unless {@linkplain #select strict}. Names compare
 * without case. Immutable once built; safe to share between event loops.
 *
 * @param <T> what is selected (a TLS context)
 */
final class SniSelector<T> {

    private final Map<String, T> exact = new HashMap<>();
    /** Wildcard entries by the domain after {@code *.}, first added first. */
    private final Map<String, List<Entry<T>>> wildcards = new HashMap<>();
    private T first;
    /** Whether every entry added selects the same value. */
    private boolean single = true;

    private record Entry<T>(T value, Set<String> excluded) {
    }

    /**
     * Adds an entry.
     *
     * @param value    what it selects
     * @param names    the names it serves: exact names and {@code *.domain} wildcards
     * @param excluded names its wildcards must not serve (negative filters, without their {@code !})
     */
    void add(T value, List<String> names, List<String> excluded) {
        if (first == null) {
            first = value;
        } else if (value != first) {
            single = false;
        }
        Set<String> ex = new HashSet<>();
        for (String e : excluded) {
            ex.add(e.toLowerCase(Locale.ROOT));
        }
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT);
            if (name.startsWith("*.")) {
                wildcards.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(new Entry<>(value, ex));
            } else if (!ex.contains(name)) {
                exact.putIfAbsent(name, value);
            }
        }
    }

    /** Whether there is one value to select, whatever the name: then no SNI needs to be read. */
    boolean isSingle() {
        return single && first != null;
    }

    /** The default: the first entry added, or {@code null} when there is none. */
    T defaultValue() {
        return first;
    }

    /**
     * The entry for {@code serverName}.
     *
     * @param serverName the client's SNI, or {@code null} when it sent none
     * @param strict     {@code strict-sni}: no default; {@code null} when nothing matches
     */
    T select(String serverName, boolean strict) {
        T found = serverName == null ? null : match(serverName.toLowerCase(Locale.ROOT));
        if (found != null || strict) {
            return found;
        }
        return first;
    }

    private T match(String name) {
        T value = exact.get(name);
        if (value != null) {
            return value;
        }
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        List<Entry<T>> candidates = wildcards.get(name.substring(dot + 1));
        if (candidates != null) {
            for (Entry<T> e : candidates) {
                if (!e.excluded().contains(name)) {
                    return e.value();
                }
            }
        }
        return null;
    }
}
