package io.ballast.acl.internal.pattern;

/** A pattern that does not parse for its match method; the message is HAProxy's. */
public final class PatternException extends Exception {

    private static final long serialVersionUID = 1L;

    public PatternException(String message) {
        super(message);
    }
}
