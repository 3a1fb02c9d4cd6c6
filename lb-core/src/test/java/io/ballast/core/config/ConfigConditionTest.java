package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigConditionTest {

    private static final Map<String, String> ENV = Map.of("A", "x", "EMPTY", "");

    private static boolean eval(String s) {
        return ConfigCondition.evaluate(s, ENV);
    }

    @Test
    void constants() {
        assertTrue(eval("1"));
        assertFalse(eval("0"));
        assertTrue(eval("42"));
    }

    @Test
    void operatorsAndPrecedence() {
        assertTrue(eval("!0"));
        assertTrue(eval("1 || 0 && 0"), "&& binds tighter than ||");
        assertFalse(eval("(1 || 0) && 0"));
        assertTrue(eval("!(0 || 0)"));
    }

    @Test
    void defined() {
        assertTrue(eval("defined(A)"));
        assertTrue(eval("defined(EMPTY)"));
        assertFalse(eval("defined(NOPE)"));
    }

    @Test
    void stringComparisons() {
        assertTrue(eval("streq(x,x)"));
        assertFalse(eval("streq(x,y)"));
        assertTrue(eval("strneq(x,y)"));
        assertTrue(eval("streq(\"a,b\",'a,b')"));
    }

    @Test
    void versionsFollowHaproxy26Numerically() {
        assertTrue(eval("version_atleast(2.4)"));
        assertTrue(eval("version_atleast(2.6)"));
        assertFalse(eval("version_atleast(2.8)"));
        assertFalse(eval("version_atleast(2.10)"), "2.10 is after 2.6, not before");
        assertTrue(eval("version_before(2.10)"));
        assertFalse(eval("version_before(2.6)"));
        assertTrue(eval("version_atleast(1.8.3)"));
    }

    @Test
    void featuresAreBallastsOwn() {
        assertTrue(eval("feature(THREAD)"));
        assertFalse(eval("feature(OPENSSL)"));
    }

    @Test
    void malformedExpressionsSayWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval("defined(A"));
        assertTrue(e.getMessage().contains("missing ')'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> eval("1 &&"));
        assertThrows(IllegalArgumentException.class, () -> eval("nosuch(1)"));
        assertThrows(IllegalArgumentException.class, () -> eval("1 1"));
        assertThrows(IllegalArgumentException.class, () -> eval(""));
        assertThrows(IllegalArgumentException.class, () -> eval("streq(a)"));
        assertEquals("invalid condition 'bogus' at position 6: unknown term 'bogus' (expected 0, 1, !, (, or a "
                + "predicate such as defined(VAR))", assertThrows(IllegalArgumentException.class, () -> eval("bogus")).getMessage());
    }
}
