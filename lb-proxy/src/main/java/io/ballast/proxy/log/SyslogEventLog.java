package io.ballast.proxy.log;

import io.ballast.core.config.LogTarget;
import io.ballast.core.log.EventLog;

import java.util.List;

/**
 * An {@link EventLog} that also sends each event to syslog targets (usually the {@code global} ones), at the level
 * HAProxy uses: {@code alert} when a server goes DOWN, {@code notice} when one comes back or changes admin state,
 * {@code emerg} when a backend has no server left.
 */
public final class SyslogEventLog implements EventLog {

    private final EventLog local;
    private final List<SyslogTarget> targets;

    private SyslogEventLog(EventLog local, List<SyslogTarget> targets) {
        this.local = local;
        this.targets = targets;
    }

    /**
     * @param local   where events are printed as well ({@link EventLog#stderr()})
     * @param targets the {@code log} targets to send events to
     * @return {@code local} itself when there is no target
     */
    public static EventLog tee(EventLog local, List<LogTarget> targets, LogOutputs outputs) {
        return targets.isEmpty() ? local : new SyslogEventLog(local, List.copyOf(outputs.targets(targets)));
    }

    @Override
    public void log(Level level, String message) {
        local.log(level, message);
        int severity = EventSeverity.of(level, message);
        LogScratch scratch = LogScratch.current();
        for (SyslogTarget t : targets) {
            t.send(severity, message, scratch);
        }
    }
}
