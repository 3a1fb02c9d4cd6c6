package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One runtime API connection, with HAProxy's line protocol ({@code cli_io_handler}): commands end at a line feed or
 * an unescaped {@code ;}; each answer ends with an empty line, or in interactive mode ({@code prompt}) with the
 * {@code > } prompt; a line ending with {@code <<} starts a payload that ends at an empty line; without
 * {@code prompt} the connection closes once the commands already received are answered. The session also closes
 * after {@code stats timeout} without a command, or on a line longer than {@code tune.bufsize}.
 *
 * <p>Commands run one at a time, in order: one applied on another event loop holds the next ones until it is done.
 */
final class CliSession extends ChannelInboundHandlerAdapter implements Session {

    private static final AtomicLong IDS = new AtomicLong();
    /** HAProxy's answer when a command fails unexpectedly. */
    private static final String INTERNAL_ERROR = "Internal error.\n";

    private final CommandRegistry commands;
    private final long timeoutNanos;
    private final int maxLine;
    private final int socketNumber;
    private final boolean exposeFd;
    private final long id = IDS.incrementAndGet();
    private final long startNanos = System.nanoTime();
    private ChannelHandlerContext ctx;
    private ByteBuf input;
    private Level level;
    private boolean prompt;
    private boolean omitLineFeed;
    /** The line that announced the payload being read, or {@code null}. */
    private String payloadCommand;
    private StringBuilder payload;
    private boolean busy;
    private boolean ending;
    private boolean inputClosed;
    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> timer;

    /**
     * @param level     the socket's level
     * @param timeoutMs {@code stats timeout}
     * @param maxLine   the longest command (or payload) taken
     * @param socketNumber which {@code stats socket} line accepted it, from 1
     * @param exposeFd  whether that line has {@code expose-fd listeners}
     */
    CliSession(CommandRegistry commands, Level level, long timeoutMs, int maxLine, int socketNumber,
               boolean exposeFd) {
        this.commands = commands;
        this.socketNumber = socketNumber;
        this.exposeFd = exposeFd;
        this.level = level;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.maxLine = maxLine;
    }

    /** This session as {@code show sess} lists it. */
    RuntimeTarget.Connection describe() {
        SocketAddress peer = ctx == null ? null : ctx.channel().remoteAddress();
        return RuntimeTarget.Connection.from(id, peer, Integer.toString(socketNumber), "GLOBAL", "<NONE>", "<none>",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        input = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        input.release();
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armTimer(timeoutNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!ending) {
                input.writeBytes(in);
                lastActivity = System.nanoTime();
            }
        } finally {
            in.release();
        }
        process();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            process();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    // ---- Session

    @Override
    public Level level() {
        return level;
    }

    @Override
    public void level(Level level) {
        this.level = level;
    }

    @Override
    public void togglePrompt() {
        prompt = !prompt;
    }

    @Override
    public void quit() {
        ending = true;
    }

    @Override
    public void omitLineFeed() {
        omitLineFeed = true;
    }

    @Override
    public boolean exposesListeners() {
        return exposeFd;
    }

    @Override
    public boolean sendDescriptors(java.util.List<Integer> descriptors) {
        if (!(ctx.channel() instanceof io.netty.channel.unix.DomainSocketChannel)) {
            return false;
        }
        ending = true;
        for (int fd : descriptors) {
            ctx.write(new io.netty.channel.unix.FileDescriptor(fd)); // written, never closed: the fd stays ours
        }
        ctx.flush();
        return true;
    }

    // ---- the protocol

    /** Runs the complete lines received, one command at a time, then closes when HAProxy would. */
    private void process() {
        while (!busy && !ending) {
            String line = nextLine();
            if (line == null) {
                break;
            }
            accept(line);
        }
        if (!busy && !ending && (inputClosed || input.readableBytes() > maxLine)) {
            // the client is done, or sent a line too long for the buffer: HAProxy drops what is left and closes
            end(null);
        }
    }

    /**
     * The next complete line without its end ({@code \n}, or outside payloads an unescaped {@code ;}, and a
     * {@code \r} before it), or {@code null}.
     */
    private String nextLine() {
        int start = input.readerIndex();
        int end = input.writerIndex();
        for (int i = start; i < end; i++) {
            byte b = input.getByte(i);
            if (b == '\\' && payloadCommand == null) {
                i++;
            } else if (b == '\n' || (b == ';' && payloadCommand == null)) {
                int length = i - start;
                if (length > 0 && input.getByte(i - 1) == '\r') {
                    length--;
                }
                String line = input.toString(start, length, StandardCharsets.UTF_8);
                input.readerIndex(i + 1);
                input.discardSomeReadBytes();
                return line;
            }
        }
        return null;
    }

    private void accept(String line) {
        if (payloadCommand != null) {
            if (!line.isEmpty()) {
                payload.append(payload.isEmpty() ? "" : "\n").append(line);
                if (payload.length() > maxLine) {
                    end(null); // more than HAProxy's buffer holds
                } else {
                    write(prompt ? "+ " : "");
                }
                return;
            }
            String command = payloadCommand;
            payloadCommand = null;
            run(CommandLine.parse(command, payload.toString()));
        } else if (line.endsWith(CommandLine.PAYLOAD_MARKER)) {
            payloadCommand = line;
            payload = new StringBuilder();
            write(prompt ? "+ " : "");
        } else {
            run(CommandLine.parse(line, null));
        }
    }

    private void run(CommandLine line) {
        CompletableFuture<String> answer;
        try {
            answer = commands.run(new Invocation(line, this)).exceptionally(e -> INTERNAL_ERROR);
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(INTERNAL_ERROR);
        }
        if (answer.isDone()) {
            answered(answer.join());
            return;
        }
        busy = true;
        answer.thenAccept(text -> ctx.executor().execute(() -> {
            busy = false;
            answered(text);
            process();
        }));
    }

    /** Writes a command's answer and what follows it, then closes if the session is over. */
    private void answered(String text) {
        if (ending) {
            end(null);
            return;
        }
        String after = prompt ? "\n> " : omitLineFeed ? "" : "\n";
        omitLineFeed = false;
        if (!prompt && input.readableBytes() == 0 && payloadCommand == null) {
            end(text + after);
        } else {
            write(text + after);
        }
    }

    private void write(String text) {
        if (!text.isEmpty()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
        }
        lastActivity = System.nanoTime();
    }

    /** Writes {@code last} (if any) and closes once everything written before is sent. */
    private void end(String last) {
        ending = true;
        byte[] bytes = last == null ? new byte[0] : last.getBytes(StandardCharsets.UTF_8);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the session once it has been idle for {@code stats timeout}. */
    private void armTimer(long delayNanos) {
        timer = ctx.executor().schedule(() -> {
            long idle = System.nanoTime() - lastActivity;
            if (idle >= timeoutNanos && !busy) {
                end(null);
            } else {
                armTimer(Math.max(timeoutNanos - idle, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
