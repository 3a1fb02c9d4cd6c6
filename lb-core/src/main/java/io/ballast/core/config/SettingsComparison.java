package io.ballast.core.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares parts of two configurations for what they ask, not for where it is written: records component by
 * component, lists element by element and maps entry by entry, arrays by content and regexes by their text and flags,
 * skipping every {@link SourceLocation}. A reload uses it
 * to tell which frontends, backends and servers changed: a line that only moved is not a change.
 */
public final class SettingsComparison {

    private SettingsComparison() {
    }

    /** Whether {@code a} and {@code b} are equal once the places where they are written are left out. */
    public static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof SourceLocation) {
            return true;
        }
        if (a.getClass().isArray()) { // an error page's bytes, a check's payload: their content, not their identity
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        if (a instanceof Pattern left) { // a check's regex: Pattern has no equals of its own
            Pattern right = (Pattern) b;
            return left.pattern().equals(right.pattern()) && left.flags() == right.flags();
        }
        if (a instanceof Record) {
            return sameComponents((Record) a, (Record) b);
        }
        if (a instanceof List<?> left) {
            return sameElements(left, (List<?>) b);
        }
        if (a instanceof Map<?, ?> left) {
            Map<?, ?> right = (Map<?, ?>) b;
            if (left.size() != right.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : left.entrySet()) {
                if (!right.containsKey(e.getKey()) || !same(e.getValue(), right.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** As {@link #same}, leaving out the components of {@code a} and {@code b} named {@code ignored} too. */
    public static boolean sameExcept(Record a, Record b, String... ignored) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        return sameComponents(a, b, Set.of(ignored));
    }

    private static boolean sameComponents(Record a, Record b) {
        return sameComponents(a, b, Set.of());
    }

    private static boolean sameComponents(Record a, Record b, Set<String> ignored) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (ignored.contains(component.getName())) {
                continue;
            }
            try {
                component.getAccessor().setAccessible(true);
                if (!same(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                    return false;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A record this class cannot read: fall back to its own equality.
                return a.equals(b);
            }
        }
        return true;
    }

    private static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> right = b.iterator();
        for (Object left : a) {
            if (!same(left, right.next())) {
                return false;
            }
        }
        return true;
    }
}
