package io.ballast.health;

import io.ballast.core.config.SendProxy;
import io.ballast.core.config.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A check that talks to the server: runs the steps of a {@link Dialogue} (connect, send, expect) over one
 * connection, as HAProxy runs {@code tcp-check} and {@code http-check} rules. The time allowed is
 * {@link CheckTiming#timeout()} until connected, then {@link CheckTiming#readTimeout()} when set, else what is
 * left of the first.
 */
final class DialogueCheck implements HealthCheck, CheckConnection.Events {

    private final EventLoop loop;
    private final CheckConnection connection;
    private final SocketAddress target;
    private final CheckTiming timing;
    private final Dialogue dialogue;

    private Consumer<CheckResult> done;
    private ScheduledFuture<?> timer;
    private long startNanos;
    private int index;
    private boolean everConnected;
    private Expectation.Outcome last;

    /**
     * @param loop    the event loop the check runs on
     * @param factory makes the channels
     * @param tcp     whether they are TCP channels
     * @param target  the check address
     * @param timing  the check's timeouts
     * @param dialogue the steps
     * @param proxyHeader the PROXY protocol header each connection starts with ({@link ServerConfig#checkProxyHeader})
     */
    DialogueCheck(EventLoop loop, ChannelFactory<? extends Channel> factory, boolean tcp, SocketAddress target,
                  CheckTiming timing, Dialogue dialogue, SendProxy proxyHeader) {
        this.loop = loop;
        this.connection = new CheckConnection(loop, factory, tcp, proxyHeader, this);
        this.target = target;
        this.timing = timing;
        this.dialogue = dialogue;
    }

    @Override
    public void run(Consumer<CheckResult> done) {
        this.done = done;
        this.startNanos = System.nanoTime();
        this.index = 0;
        this.everConnected = false;
        this.last = null;
        arm(timing.timeout());
        advance();
    }

    @Override
    public void abort() {
        done = null;
        release();
    }

    @Override
    public void connected() {
        if (!everConnected) {
            everConnected = true;
            if (timing.readTimeout() > 0) {
                arm(timing.readTimeout());
            }
        }
        index++;
        advance();
    }

    @Override
    public void connectFailed(CheckStatus status, String info) {
        Step.Connect step = (Step.Connect) dialogue.steps().get(index);
        finish(new CheckResult(status, 0, dialogue.connectInfo(step, info), elapsed()));
    }

    @Override
    public void received() {
        if (index < dialogue.steps().size() && dialogue.steps().get(index) instanceof Step.Expect) {
            advance();
        }
    }

    @Override
    public void closed() {
        if (index < dialogue.steps().size() && dialogue.steps().get(index) instanceof Step.Expect) {
            advance();
        }
    }

    /** Runs steps until one has to wait, fails, or all passed. */
    private void advance() {
        while (done != null && index < dialogue.steps().size()) {
            Step step = dialogue.steps().get(index);
            if (step instanceof Step.Connect c) {
                SocketAddress to = c.port() > 0 && target instanceof InetSocketAddress inet
                        ? new InetSocketAddress(inet.getAddress(), c.port()) : target;
                connection.connect(to, timing.timeout());
                return; // connected() or connectFailed() continues
            }
            if (step instanceof Step.Send s) {
                connection.clearReceived();
                connection.write(s.data());
                index++;
                continue;
            }
            Step.Expect e = (Step.Expect) step;
            boolean closed = !connection.isOpen() || connection.full();
            String empty = connection.isOpen() || connection.received().isReadable() ? null
                    : dialogue.emptyInfo(e);
            if (empty != null) {
                finish(new CheckResult(CheckStatus.L7RSP, 0, empty, elapsed()));
                return;
            }
            Expectation.Outcome outcome = e.expectation().evaluate(connection.received(), closed);
            if (outcome == null) {
                return; // wait for more bytes
            }
            if (!outcome.passed()) {
                finish(new CheckResult(outcome.status(), outcome.code(), dialogue.expectInfo(e, outcome.info()),
                        elapsed()));
                return;
            }
            last = outcome;
            index++;
        }
        if (done != null) {
            finish(dialogue.success(last, elapsed()));
        }
    }

    private void timedOut() {
        timer = null;
        if (done == null) {
            return;
        }
        Step step = dialogue.steps().get(Math.min(index, dialogue.steps().size() - 1));
        if (!everConnected || step instanceof Step.Connect) {
            finish(new CheckResult(CheckStatus.L4TOUT, 0, step instanceof Step.Connect c
                    ? dialogue.connectInfo(c, null) : null, elapsed()));
        } else {
            CheckStatus status = step instanceof Step.Expect e ? e.expectation().timeoutStatus() : CheckStatus.L7TOUT;
            finish(new CheckResult(status, 0, dialogue.timeoutInfo(step), elapsed()));
        }
    }

    private void arm(long ms) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = loop.schedule(this::timedOut, ms, TimeUnit.MILLISECONDS);
    }

    private long elapsed() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private void finish(CheckResult result) {
        Consumer<CheckResult> callback = done;
        done = null;
        release();
        if (callback != null) {
            callback.accept(result);
        }
    }

    private void release() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        connection.close();
    }
}
