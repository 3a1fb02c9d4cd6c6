package io.ballast.acl.internal.expr;

/** Makes a {@link Converter} from checked arguments. */
@FunctionalInterface
public interface ConverterFactory {
    Converter create(Args args) throws ArgException;
}
