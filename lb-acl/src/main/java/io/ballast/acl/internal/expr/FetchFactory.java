package io.ballast.acl.internal.expr;

/** Makes a {@link Fetch} from checked arguments. */
@FunctionalInterface
public interface FetchFactory {
    Fetch create(Args args) throws ArgException;
}
