package io.ballast.proxy;

/** The handler that owns a client connection, which a soft stop asks to close once it is idle. */
interface DrainableConnection extends io.netty.channel.ChannelHandler {

    /** Closes the connection now if no exchange is under way, else after it; call on its event loop. */
    void closeIfIdle();
}
