package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationParserTest {

    @Test
    void units() {
        assertEquals(500, DurationParser.parse("500", "timeout client"));
        assertEquals(500, DurationParser.parse("500ms", "timeout client"));
        assertEquals(5000, DurationParser.parse("5s", "timeout client"));
        assertEquals(120_000, DurationParser.parse("2m", "timeout client"));
        assertEquals(3_600_000, DurationParser.parse("1h", "timeout client"));
        assertEquals(86_400_000, DurationParser.parse("1d", "timeout client"));
        assertEquals(2, DurationParser.parse("1500us", "timeout client"));
    }

    @Test
    void overflow() {
        assertEquals(2147483647L, DurationParser.parse("2147483647", "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationParser.parse("25d", "timeout connect"));
        assertTrue(e.getMessage().startsWith("timer overflow in argument '25d' to 'timeout connect'"), e.getMessage());
    }

    @Test
    void garbage() {
        for (String bad : new String[] {"5x", "1.5s", "s", "", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DurationParser.parse(bad, "timeout server"));
            assertTrue(e.getMessage().contains("'timeout server'") && e.getMessage().contains("expects a time like 5s or 500ms"),
                    e.getMessage());
        }
    }
}
