package io.ballast.proxy.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HAProxy 2.6.12's help and suggestions, computed over a part of its own command table: the same table gives the
 * same answers as {@code haproxy} itself.
 */
class UsageTest {

    private static final String TAIL = "  help [<command>]                        : list matching or all commands\n"
            + "  prompt                                  : toggle interactive mode with prompt\n"
            + "  quit                                    : disconnect\n";

    private static Keyword k(String usage) {
        List<String> words = Stream.of(usage.split(":")[0].trim().split(" +"))
                .takeWhile(w -> "[<{(".indexOf(w.charAt(0)) < 0).toList();
        return new Keyword(words, usage, inv -> Invocation.reply(""));
    }

    private final Usage usage = new Usage(List.of(
            new Keyword(List.of("help"), null, inv -> Invocation.reply("")),
            k("add acl [@<ver>] <acl> <pattern>        : add an acl entry"),
            k("clear acl [@<ver>] <acl>                : clear the contents of this acl"),
            k("get var <name>                          : retrieve contents of a process-wide variable"),
            k("operator                                : lower the level of the current CLI session to operator"),
            k("show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server"),
            k("show tasks                              : show running tasks"),
            k("show table <table> [<filter>]*          : report table usage stats or dump this table's contents"
                    + " (filter: data/key)"),
            k("trace [<module>|0] [cmd [args...]]      : manage live tracing (empty to list, 0 to stop all)"),
            k("user                                    : lower the level of the current CLI session to user")));

    @Test
    void nearestCommandsByFingerprint() {
        // haproxy answers "foo bar" with clear acl, get var, operator, trace and user (add acl comes sixth)
        assertEquals("Unknown command, but maybe one of the following ones is a better match:\n"
                + "  clear acl [@<ver>] <acl>                : clear the contents of this acl\n"
                + "  get var <name>                          : retrieve contents of a process-wide variable\n"
                + "  operator                                : lower the level of the current CLI session to operator\n"
                + "  trace [<module>|0] [cmd [args...]]      : manage live tracing (empty to list, 0 to stop all)\n"
                + "  user                                    : lower the level of the current CLI session to user\n"
                + TAIL, usage.unknown(List.of("foo", "bar")));
        assertEquals("Unknown command, but maybe one of the following ones is a better match:\n"
                + "  show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server\n"
                + "  show tasks                              : show running tasks\n"
                + TAIL, usage.unknown(List.of("show", "stta")));
    }

    @Test
    void helpListsTheCommandsStartingWithTheWords() {
        assertEquals("The following commands are valid at this level:\n"
                + "  show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server\n"
                + "  show table <table> [<filter>]*          : report table usage stats or dump this table's contents"
                + " (filter: data/key)\n"
                + "  show tasks                              : show running tasks\n"
                + TAIL, usage.help(List.of("show")));
        assertEquals("Unknown command. Please enter one of the following commands only:\n", usage.unknown(List.of())
                .lines().findFirst().orElseThrow() + "\n");
    }
}
