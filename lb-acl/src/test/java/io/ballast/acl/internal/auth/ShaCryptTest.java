package io.ballast.acl.internal.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test vectors of the SHA-crypt specification ("Unix crypt using SHA-256 and SHA-512", Drepper): default
 * rounds, custom rounds (kept in the output), salts cut at 16 characters, and rounds below the minimum raised to
 * 1000 (given here as the raised form, which glibc's and libxcrypt's crypt(3) also produce). The empty password
 * was checked with Python's {@code crypt.crypt('', '$6$abc')}.
 */
class ShaCryptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "$5$saltstring|Hello world!|$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
        "$5$rounds=10000$saltstringsaltstring|Hello world!|$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA",
        "$5$rounds=5000$toolongsaltstring|This is just a test|$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5",
        "$5$rounds=1400$anotherlongsaltstring|a very much longer text to encrypt.  This one even stretches over morethan one line.|$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1",
        "$5$rounds=10$roundstoolow|the minimum number is still observed|$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC",
        "$6$saltstring|Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        "$6$rounds=10000$saltstringsaltstring|Hello world!|$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
        "$6$rounds=1400$anotherlongsaltstring|a very much longer text to encrypt.  This one even stretches over morethan one line.|$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1",
        "$6$rounds=10$roundstoolow|the minimum number is still observed|$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
        "$6$abc|\"\"|$6$abc$mJP3a6FyA8uCnzRtlnNypPwjnvpi5TP9qOrInzrfDmwxUQG38PkpCPdqfTb8JQfAngapMxeim4AZ..hSdRRzD.",
    })
    void specificationVectors(String setting, String password, String expected) {
        byte[] p = password.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected, ShaCrypt.crypt(p, setting));
        assertEquals(expected, ShaCrypt.crypt(p, expected), "a stored hash is its own setting");
    }
}
