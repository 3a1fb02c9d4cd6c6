package io.ballast.acl.internal.conv;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Converter;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.Sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Encodings: {@code url_dec([in_form])}, {@code base64}, {@code b64dec}, {@code hex}. Binary data is carried as a
 * string of chars 0..255 (ISO-8859-1); strings with other chars are taken as UTF-8.
 */
public final class EncodingConverters {

    private EncodingConverters() {
    }

    public static void register(Map<String, Keyword> m) {
        m.put("url_dec", Keyword.conv("url_dec", Sample.STR, Sample.STR, 0, a -> urlDec(a.integer(0, 0) != 0), ArgKind.SINT));
        m.put("base64", Keyword.conv("base64", Sample.STR, Sample.STR, 0, a -> BASE64));
        m.put("b64dec", Keyword.conv("b64dec", Sample.STR, Sample.STR, 0, a -> B64DEC));
        m.put("hex", Keyword.conv("hex", Sample.STR, Sample.STR, 0, a -> HEX));
    }

    static byte[] bytes(Sample smp) {
        String s = smp.string();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 255) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Percent-decoding; with {@code in_form}, {@code +} is a space. A bad escape fails (checked with haproxy 2.6.12). */
    private static Converter urlDec(boolean inForm) {
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                String s = smp.str;
                int end = smp.off + smp.len;
                if (s.indexOf('%', smp.off) < 0 && !(inForm && s.indexOf('+', smp.off) >= 0)) {
                    return true;
                }
                StringBuilder b = new StringBuilder(smp.len);
                for (int i = smp.off; i < end; i++) {
                    char c = s.charAt(i);
                    if (c == '%') {
                        if (i + 2 >= end) {
                            return false;
                        }
                        int hi = Character.digit(s.charAt(i + 1), 16);
                        int lo = Character.digit(s.charAt(i + 2), 16);
                        if (hi < 0 || lo < 0) {
                            return false;
                        }
                        b.append((char) (hi * 16 + lo));
                        i += 2;
                    } else if (c == '+' && inForm) {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
                smp.setStr(b.toString());
                return true;
            }
        };
    }

    private static final Converter BASE64 = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            smp.setStr(Base64.getEncoder().encodeToString(bytes(smp)));
            return true;
        }
    };

    /** Strict base64: the length must be a multiple of 4 (HAProxy's base64dec). */
    private static final Converter B64DEC = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            if (smp.len % 4 != 0) {
                return false;
            }
            try {
                byte[] d = Base64.getDecoder().decode(smp.string());
                smp.setStr(new String(d, StandardCharsets.ISO_8859_1));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    };

    private static final char[] HEXDIGITS = "0123456789ABCDEF".toCharArray();

    private static final Converter HEX = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            byte[] b = bytes(smp);
            char[] out = new char[b.length * 2];
            for (int i = 0; i < b.length; i++) {
                out[2 * i] = HEXDIGITS[(b[i] >> 4) & 0xF];
                out[2 * i + 1] = HEXDIGITS[b[i] & 0xF];
            }
            smp.setStr(new String(out));
            return true;
        }
    };
}
