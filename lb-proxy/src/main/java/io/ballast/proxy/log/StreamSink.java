package io.ballast.proxy.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@code stdout} / {@code stderr} targets: lines are copied into a bounded queue that one daemon thread writes out,
 * so a slow terminal or a full pipe makes lines drop instead of stalling an event loop.
 */
final class StreamSink implements LogSink {

    /** Lines waiting to be written before new ones are dropped. */
    static final int QUEUE_LINES = 4096;

    private final BlockingQueue<byte[]> queue;
    private final Thread writer;

    /**
     * @param out  where lines go; the sink's thread is its only writer
     * @param name the writer thread's name
     */
    StreamSink(OutputStream out, String name, int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
        writer = new Thread(() -> drain(out), name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public boolean send(ByteBuffer line) {
        byte[] copy = new byte[line.remaining()];
        line.get(copy);
        return queue.offer(copy);
    }

    private void drain(OutputStream out) {
        try {
            while (true) {
                byte[] line = queue.take();
                out.write(line);
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException | IOException e) {
            // closed, or the stream is gone: later lines are dropped once the queue fills
        }
    }

    @Override
    public void close() {
        writer.interrupt();
    }
}
