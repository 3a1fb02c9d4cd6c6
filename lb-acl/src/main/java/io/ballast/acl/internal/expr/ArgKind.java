package io.ballast.acl.internal.expr;

/** The type of a fetch or converter argument, as HAProxy names it in messages. */
public enum ArgKind {
    STR("string"),
    SINT("integer"),
    /** A backend name. */
    BE("backend"),
    /** {@code backend/server}. */
    SRV("server"),
    /** A variable name such as {@code txn.foo}. */
    VAR("variable"),
    /** A regular expression. */
    REG("regex"),
    /** A {@code userlist} name. */
    USR("userlist");

    final String label;

    ArgKind(String label) {
        this.label = label;
    }
}
