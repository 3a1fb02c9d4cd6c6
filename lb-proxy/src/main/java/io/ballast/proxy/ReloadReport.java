package io.ballast.proxy;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SettingsComparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What a {@linkplain Ballast#reload reload} changed: the frontends, backends and servers added, removed or modified,
 * compared for what their lines ask, not where they are written.
 *
 * @param changes        in configuration order: frontends, then backends, each backend followed by its servers
 * @param globalChanged  whether the {@code global} section differs; its settings (threads, process limits, stats
 *                       sockets, global log targets) only apply at the next start
 */
public record ReloadReport(List<Change> changes, boolean globalChanged) {

    /** How one object changed. */
    public enum Kind {
        /** New in the new configuration. */
        ADDED,
        /** Gone from it. */
        REMOVED,
        /** In both, with different settings. */
        MODIFIED
    }

    /**
     * One change.
     *
     * @param kind what happened to it
     * @param what {@code frontend}, {@code backend} or {@code server}
     * @param name its name; {@code backend/server} for a server
     */
    public record Change(Kind kind, String what, String name) {

        /** {@code server be/s3 added}. */
        @Override
        public String toString() {
            return what + " " + name + " " + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Copies the list. */
    public ReloadReport {
        changes = List.copyOf(changes);
    }

    /** The changes from {@code before} to {@code after}. */
    static ReloadReport between(BallastConfig before, BallastConfig after) {
        List<Change> changes = new ArrayList<>();
        compare("frontend", byName(before.frontends(), FrontendConfig::name), byName(after.frontends(),
                FrontendConfig::name), SettingsComparison::same, changes);
        Map<String, BackendConfig> oldBackends = byName(before.backends(), BackendConfig::name);
        Map<String, BackendConfig> newBackends = byName(after.backends(), BackendConfig::name);
        compare("backend", oldBackends, newBackends, (a, b) -> SettingsComparison.sameExcept(a, b, "servers"),
                changes);
        for (Map.Entry<String, BackendConfig> e : newBackends.entrySet()) {
            BackendConfig old = oldBackends.get(e.getKey());
            if (old != null) {
                String prefix = e.getKey() + "/";
                compare("server", byName(old.servers(), s -> prefix + s.name()),
                        byName(e.getValue().servers(), s -> prefix + s.name()), ServerConfig::sameSettings, changes);
            }
        }
        return new ReloadReport(changes, !SettingsComparison.same(before.global(), after.global()));
    }

    /** Log lines: one per change, or one saying that nothing changed. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add("Reload: " + c + "."));
        if (globalChanged) {
            lines.add("Reload: the global section changed; its settings apply at the next start.");
        }
        if (lines.isEmpty()) {
            lines.add("Reload: no frontend, backend or server changed.");
        }
        return lines;
    }

    private static <T> void compare(String what, Map<String, T> before, Map<String, T> after, BiPredicate<T, T> same,
                                    List<Change> into) {
        for (Map.Entry<String, T> e : after.entrySet()) {
            T old = before.get(e.getKey());
            if (old == null) {
                into.add(new Change(Kind.ADDED, what, e.getKey()));
            } else if (!same.test(old, e.getValue())) {
                into.add(new Change(Kind.MODIFIED, what, e.getKey()));
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                into.add(new Change(Kind.REMOVED, what, name));
            }
        }
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(name.apply(i), i));
        return out;
    }
}
