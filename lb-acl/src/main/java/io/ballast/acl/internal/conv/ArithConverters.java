package io.ballast.acl.internal.conv;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Args;
import io.ballast.acl.internal.expr.Converter;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.fetch.MiscFetches;
import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.Sample;

import java.util.Map;

/**
 * Integer converters: {@code add sub mul div mod and or xor} (argument: an integer or a variable name such as
 * {@code txn.n}), {@code neg not bool odd even}. Overflows saturate; division by 0 gives the largest integer and
 * modulo by 0 gives 0, as in HAProxy.
 */
public final class ArithConverters {

    private ArithConverters() {
    }

    private interface Op {
        long apply(long a, long b);
    }

    private interface Unary {
        void apply(Sample smp);
    }

    public static void register(Map<String, Keyword> m) {
        binary(m, "add", (a, b) -> saturate(a, b, 0));
        binary(m, "sub", (a, b) -> saturate(a, b, 1));
        binary(m, "mul", (a, b) -> saturate(a, b, 2));
        binary(m, "div", (a, b) -> b == 0 ? Long.MAX_VALUE : (a == Long.MIN_VALUE && b == -1 ? Long.MAX_VALUE : a / b));
        binary(m, "mod", (a, b) -> b == 0 ? 0 : (b == -1 ? 0 : a % b));
        binary(m, "and", (a, b) -> a & b);
        binary(m, "or", (a, b) -> a | b);
        binary(m, "xor", (a, b) -> a ^ b);
        unary(m, "neg", Sample.SINT, s -> s.setInt(s.num == Long.MIN_VALUE ? Long.MAX_VALUE : -s.num));
        unary(m, "not", Sample.BOOL, s -> s.setBool(s.num == 0));
        unary(m, "bool", Sample.BOOL, s -> s.setBool(s.num != 0));
        unary(m, "odd", Sample.BOOL, s -> s.setBool((s.num & 1) != 0));
        unary(m, "even", Sample.BOOL, s -> s.setBool((s.num & 1) == 0));
    }

    private static long saturate(long a, long b, int kind) {
        try {
            switch (kind) {
                case 0: return Math.addExact(a, b);
                case 1: return Math.subtractExact(a, b);
                default: return Math.multiplyExact(a, b);
            }
        } catch (ArithmeticException e) {
            boolean negative = kind == 2 ? (a < 0) != (b < 0) : (kind == 0 ? a < 0 : a < b);
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static void binary(Map<String, Keyword> m, String name, Op op) {
        m.put(name, Keyword.conv(name, Sample.SINT, Sample.SINT, 1, a -> binaryConverter(a, op), ArgKind.STR));
    }

    private static Converter binaryConverter(Args a, Op op) throws ArgException {
        String arg = a.str(0);
        String var;
        long constant;
        try {
            constant = Long.parseLong(arg);
            var = null;
        } catch (NumberFormatException e) {
            var = MiscFetches.checkVariableName(arg);
            constant = 0;
        }
        String v = var;
        long c = constant;
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                long b = c;
                if (v != null) {
                    Object o = ctx.variable(v);
                    if (o == null) {
                        return false;
                    }
                    if (o instanceof Number n) {
                        b = n.longValue();
                    } else {
                        String t = o.toString();
                        b = Casts.parseLeadingLong(t, 0, t.length());
                    }
                }
                smp.setInt(op.apply(smp.num, b));
                return true;
            }
        };
    }

    private static void unary(Map<String, Keyword> m, String name, byte out, Unary u) {
        Converter conv = new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                u.apply(smp);
                return true;
            }
        };
        m.put(name, Keyword.conv(name, Sample.SINT, out, 0, a -> conv));
    }
}
