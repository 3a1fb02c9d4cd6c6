package io.ballast.acl.internal.conv;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Args;
import io.ballast.acl.internal.expr.Converter;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.pattern.MatchMethod;
import io.ballast.acl.internal.pattern.PatternException;
import io.ballast.acl.internal.pattern.PatternFiles;
import io.ballast.acl.internal.pattern.PatternSet;
import io.ballast.acl.internal.pattern.Patterns;
import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code map(file[,default])} and the {@code map_<match>[_<output>]} family: the file is read once per compiler
 * (shared by every use of the same file, match and output), keys compiled into the match method's structure.
 * {@code map_beg} and {@code map_ip} return the longest matching key, the others the first one in file order
 * (as HAProxy's trees and lists do; checked with haproxy 2.6.12).
 */
public final class MapConverters {

    private MapConverters() {
    }

    private static final String[] MATCHES = {"str", "beg", "sub", "dir", "dom", "end", "reg", "ip", "int"};
    private static final MatchMethod[] METHODS = {MatchMethod.STR, MatchMethod.BEG, MatchMethod.SUB, MatchMethod.DIR,
            MatchMethod.DOM, MatchMethod.END, MatchMethod.REG, MatchMethod.IP, MatchMethod.INT};

    public static void register(Map<String, Keyword> m) {
        for (int i = 0; i < MATCHES.length; i++) {
            MatchMethod method = METHODS[i];
            byte in = method == MatchMethod.IP ? Sample.IPV4 : method == MatchMethod.INT ? Sample.SINT : Sample.STR;
            String base = "map_" + MATCHES[i];
            m.put(base, Keyword.conv(base, in, Sample.STR, 1, a -> create(a, method, Sample.STR), ArgKind.STR, ArgKind.STR));
            m.put(base + "_int", Keyword.conv(base + "_int", in, Sample.SINT, 1, a -> create(a, method, Sample.SINT),
                    ArgKind.STR, ArgKind.STR));
            m.put(base + "_ip", Keyword.conv(base + "_ip", in, Sample.IPV4, 1, a -> create(a, method, Sample.IPV4),
                    ArgKind.STR, ArgKind.STR));
        }
        m.put("map", Keyword.conv("map", Sample.STR, Sample.STR, 1, a -> create(a, MatchMethod.STR, Sample.STR),
                ArgKind.STR, ArgKind.STR));
    }

    /** A loaded map: keys compiled, values converted to the output type. */
    private record MapData(PatternSet keys, Object[] values) {
    }

    private static Converter create(Args a, MatchMethod method, byte out) throws ArgException {
        String file = a.str(0);
        String cacheKey = "map|" + method + "|" + out + "|" + file;
        MapData data = (MapData) a.env().fileCache().get(cacheKey);
        if (data == null) {
            data = load(file, method, out);
            a.env().fileCache().put(cacheKey, data);
        }
        Object def = null;
        if (a.has(1)) {
            try {
                def = value(a.str(1), out);
            } catch (PatternException e) {
                throw new ArgException(2, e.getMessage());
            }
        }
        MapData d = data;
        Object dv = def;
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                int i = d.keys().match(smp);
                Object v = i >= 0 ? d.values()[i] : dv;
                if (v == null) {
                    return false;
                }
                set(smp, v);
                return true;
            }
        };
    }

    private static void set(Sample smp, Object v) {
        if (v instanceof String s) {
            smp.setStr(s);
        } else if (v instanceof Long n) {
            smp.setInt(n);
        } else {
            long[] ip = (long[]) v;
            if (ip.length == 1) {
                smp.setIpv4((int) ip[0]);
            } else {
                smp.setIpv6(ip[0], ip[1]);
            }
        }
    }

    private static Object value(String text, byte out) throws PatternException {
        if (out == Sample.SINT) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new PatternException("'" + text + "' is not a number");
            }
        }
        if (out == Sample.IPV4) {
            if (IpAddresses.isIpv4(text)) {
                return new long[] {IpAddresses.parseIpv4(text)};
            }
            long[] v6 = IpAddresses.parseIpv6(text);
            if (v6 == null) {
                throw new PatternException("'" + text + "' is not a valid IPv4 or IPv6 address");
            }
            return v6;
        }
        return text;
    }

    private static MapData load(String file, MatchMethod method, byte out) throws ArgException {
        List<String[]> lines;
        try {
            lines = PatternFiles.readMap(file);
        } catch (PatternException e) {
            throw new ArgException(1, e.getMessage());
        }
        List<String> keys = new ArrayList<>(lines.size());
        Object[] values = new Object[lines.size()];
        for (int i = 0; i < values.length; i++) {
            String[] l = lines.get(i);
            keys.add(l[0]);
            try {
                values[i] = value(l[1], out);
            } catch (PatternException e) {
                throw new ArgException(1, e.getMessage() + " at line " + l[2] + " of file '" + file + "'");
            }
        }
        try {
            return new MapData(Patterns.compile(method, keys, false, true), values);
        } catch (PatternException e) {
            for (String[] l : lines) {
                try {
                    Patterns.compile(method, List.of(l[0]), false, true);
                } catch (PatternException one) {
                    String msg = one.getMessage();
                    if (msg.endsWith(".")) {
                        msg = msg.substring(0, msg.length() - 1);
                    }
                    throw new ArgException(1, msg + " at line " + l[2] + " of file '" + file + "'");
                }
            }
            throw new ArgException(1, e.getMessage());
        }
    }
}
