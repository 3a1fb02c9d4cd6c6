/**
 * HAProxy's runtime API ({@code stats socket}): the sockets, the line protocol and the commands of HAProxy 2.6's CLI.
 *
 * <p>{@link io.ballast.proxy.cli.RuntimeApi} is the only entry point: the engine starts it with a
 * {@link io.ballast.proxy.cli.RuntimeTarget} (what the commands read and change) once its health checks run, and
 * closes it when it stops. Everything else is package-private: the session handler ({@code CliSession}), the
 * command table and help ({@code CommandRegistry}, {@code Usage}) and one class per command family.
 */
package io.ballast.proxy.cli;
