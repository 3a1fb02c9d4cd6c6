package io.ballast.proxy;

import io.ballast.core.config.BindConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * A listening socket and the frontend whose connections it accepts. A reload that keeps the address
 * {@linkplain #handOver hands} the socket to the new configuration's frontend, so that no connection is refused or
 * reset meanwhile: connections accepted before go on under the old frontend, later ones under the new.
 */
final class Listener {

    /** Who a listener accepts for: a frontend, the configuration it belongs to, and the {@code bind} line. */
    record Binding(FrontendRuntime frontend, Generation generation, BindConfig bind) {
    }

    /** What identifies the socket across configurations: its address, or the inherited descriptor. */
    final Object key;
    private volatile Channel channel;
    private volatile Binding binding;

    Listener(Object key, Binding binding) {
        this.key = key;
        this.binding = binding;
    }

    Binding binding() {
        return binding;
    }

    Channel channel() {
        return channel;
    }

    /** Records the bound socket, which does not accept yet. */
    void bound(Channel socket) {
        channel = socket;
        SmartAccept.apply(socket, null, binding.frontend().config);
    }

    /** Starts accepting, as far as the frontend's {@code maxconn} and the global one leave room. */
    void startAccepting() {
        binding.frontend().connections.addListener(channel);
    }

    /** From now on, accepts for {@code next}; the socket stays open. */
    void handOver(Binding next) {
        binding.frontend().connections.removeListener(channel);
        SmartAccept.apply(channel, binding.frontend().config, next.frontend().config);
        binding = next;
        next.frontend().connections.addListener(channel);
    }

    /** Closes the socket; connections it accepted go on. */
    ChannelFuture close() {
        binding.frontend().connections.removeListener(channel);
        return channel.close();
    }
}
