package io.ballast.acl;

import io.ballast.core.config.SourceLocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: words are split on spaces (no quoting needed in these tests). */
final class Acls {

    static final SourceLocation HERE = new SourceLocation("test.cfg", 7);

    private Acls() {
    }

    static List<String> words(String line) {
        return new ArrayList<>(Arrays.asList(line.trim().split(" +")));
    }

    /** Compiles the ACL lines then the condition, and evaluates it. */
    static boolean eval(SampleContext ctx, String condition, String... aclLines) {
        try {
            AclCompiler c = AclCompiler.create();
            for (String l : aclLines) {
                c.defineAcl(words(l), HERE);
            }
            return c.condition(words(condition), HERE).test(ctx);
        } catch (AclException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** {@code if { <anonymous acl> }}. */
    static boolean acl(SampleContext ctx, String expression) {
        return eval(ctx, "if { " + expression + " }");
    }

    static String sample(SampleContext ctx, String expression) {
        try {
            return AclCompiler.create().sample(expression, HERE).evaluateString(ctx);
        } catch (AclException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The message of the exception that defining these lines (the last may be a condition) throws. */
    static String error(String... lines) {
        AclException e = assertThrows(AclException.class, () -> {
            AclCompiler c = AclCompiler.create();
            for (String l : lines) {
                if (l.startsWith("acl ")) {
                    c.defineAcl(words(l), HERE);
                } else if (l.startsWith("if ") || l.startsWith("unless ") || l.equals("if")) {
                    c.condition(words(l), HERE);
                } else if (l.startsWith("sample ")) {
                    c.sample(l.substring(7), HERE);
                } else {
                    c.template(l.substring(9), HERE); // "template "
                }
            }
        });
        if (!HERE.equals(e.location())) {
            throw new AssertionError("location not set: " + e.location());
        }
        return e.getMessage();
    }
}
