package io.ballast.launcher;

import java.util.concurrent.CountDownLatch;

/** A process for {@link SignalsTest}: installs {@link Signals}, says what each signal did, exits 0 on TERM/INT. */
public final class SignalsProbe {

    private SignalsProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signals.Outcome outcome = Signals.install(() -> say("soft"), stop::countDown, () -> say("dump"));
        say("ignored=" + String.join(",", outcome.ignoredAtStart()));
        outcome.warnings().forEach(w -> say("warning=" + w));
        say("ready");
        stop.await();
        say("stopping");
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
