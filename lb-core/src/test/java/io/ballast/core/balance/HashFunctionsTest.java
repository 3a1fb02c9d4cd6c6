package io.ballast.core.balance;

import io.ballast.core.config.HashType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected values computed independently with a small C program (gcc) and, for crc32, Python's zlib.crc32. */
class HashFunctionsTest {

    private static final String[] KEYS = {"", "a", "/index.html", "haproxy.1wt.eu",
            "The quick brown fox jumps over the lazy dog", "\u00e9t\u00e9\u00ff\u0080"};

    // sdbm, djb2, wt6, crc32 per key, as unsigned 32-bit values
    private static final long[][] EXPECTED = {
            {0L, 5381L, 4187620192L, 0L},
            {97L, 177670L, 1900802597L, 3904355907L},
            {858007926L, 3776231887L, 822151038L, 3928116034L},
            {3573640649L, 1429640482L, 1353059386L, 317446440L},
            {2359783795L, 885799134L, 3840389189L, 1095738169L},
            {1525967391L, 414902794L, 222896719L, 3742691333L},
    };

    @Test
    void stringFunctionsMatchHaproxy() {
        for (int i = 0; i < KEYS.length; i++) {
            byte[] key = KEYS[i].getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(EXPECTED[i][0], Integer.toUnsignedLong(HashFunctions.hash(HashType.Function.SDBM, key)), "sdbm " + i);
            assertEquals(EXPECTED[i][1], Integer.toUnsignedLong(HashFunctions.hash(HashType.Function.DJB2, key)), "djb2 " + i);
            assertEquals(EXPECTED[i][2], Integer.toUnsignedLong(HashFunctions.hash(HashType.Function.WT6, key)), "wt6 " + i);
            assertEquals(EXPECTED[i][3], Integer.toUnsignedLong(HashFunctions.hash(HashType.Function.CRC32, key)), "crc32 " + i);
        }
    }

    @Test
    void rangesHashOnlyTheirBytes() {
        byte[] key = "xx/index.htmlyy".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(858007926L, Integer.toUnsignedLong(HashFunctions.sdbm(key, 2, 13)));
    }

    @Test
    void fullHashIsJenkinsAvalancheTimesPrime() {
        long[][] cases = {{0L, 2874071335L}, {1L, 881230262L}, {2130706433L, 2317047883L},
                {4294967295L, 2120532354L}, {12345678L, 2396576541L}};
        for (long[] c : cases) {
            assertEquals(c[1], Integer.toUnsignedLong(HashFunctions.fullHash((int) c[0])), "full_hash " + c[0]);
        }
    }

    @Test
    void stringsBelow256AreLatin1OthersUtf8() {
        assertEquals(1, HashFunctions.bytes("\u00e9").length);
        assertEquals(3, HashFunctions.bytes("\u20ac").length);
    }
}
