package io.ballast.acl.internal.expr;

/** A wrong argument found by a factory: the message is completed with the keyword and context by the parser. */
public final class ArgException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Argument position, 1-based, or 0 when it concerns the arguments as a whole. */
    final int position;

    public ArgException(String message) {
        this(0, message);
    }

    public ArgException(int position, String message) {
        super(message);
        this.position = position;
    }
}
