package io.ballast.acl.internal.expr;

import java.util.List;

/** The parsed arguments of one fetch or converter use, with the compile environment. */
public final class Args {

    private final List<String> values;
    private final long[] ints;
    private final CompileEnv env;
    private final String keyword;

    Args(String keyword, List<String> values, long[] ints, CompileEnv env) {
        this.keyword = keyword;
        this.values = values;
        this.ints = ints;
        this.env = env;
    }

    /** The keyword these arguments belong to. */
    public String keyword() {
        return keyword;
    }

    public int count() {
        return values.size();
    }

    public boolean has(int i) {
        return i < values.size();
    }

    /** Argument {@code i} as written (unquoted), or {@code def} when absent. */
    public String str(int i, String def) {
        return i < values.size() ? values.get(i) : def;
    }

    public String str(int i) {
        return values.get(i);
    }

    /** Argument {@code i} parsed as an integer (declared {@link ArgKind#SINT}), or {@code def} when absent. */
    public long integer(int i, long def) {
        return i < values.size() ? ints[i] : def;
    }

    public List<String> all() {
        return values;
    }

    public CompileEnv env() {
        return env;
    }
}
