package io.ballast.proxy.log;

import java.nio.ByteBuffer;

/** Where framed log lines go. Implementations never block the caller and are safe for concurrent use. */
interface LogSink extends AutoCloseable {

    /**
     * Sends one line, or drops it when the target cannot take it now.
     *
     * @param line the bytes between position and limit; the sink copies what it keeps, the caller still owns it
     * @return {@code false} when the line was dropped
     */
    boolean send(ByteBuffer line);

    /** Releases the socket or thread behind the sink. */
    @Override
    void close();
}
