package io.ballast.core.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the text of one file into directives: splits lines (CRLF tolerated), lexes them with the current
 * environment and the pseudo-variables {@code .FILE}, {@code .LINE} and {@code .SECTION} (the current section's
 * name, or its keyword when it has none, as in HAProxy), handles conditional
 * blocks ({@code .if/.elif/.else/.endif}) and the message directives ({@code .diag/.notice/.warning/.alert}),
 * and applies the {@code global} section's {@code setenv}, {@code presetenv}, {@code unsetenv} and {@code resetenv}
 * as soon as they are read, so that they affect the expansion of the lines that follow.
 */
final class Preprocessor {

    /** Keywords that start a section (used to keep {@code .SECTION} up to date). */
    static final Set<String> SECTION_KEYWORDS = Set.of("global", "defaults", "frontend", "backend", "listen",
            "userlist", "resolvers", "peers", "http-errors", "cache", "mailers", "program", "ring", "log-forward",
            "fcgi-app");

    private static final class Block {
        final SourceLocation start;
        final boolean parentActive;
        boolean taken;
        boolean active;
        boolean sawElse;

        Block(SourceLocation start, boolean parentActive, boolean active) {
            this.start = start;
            this.parentActive = parentActive;
            this.active = active;
            this.taken = active;
        }
    }

    private final Map<String, String> env;
    private final Diagnostics diagnostics;

    /**
     * @param env         the environment, modified by {@code setenv} and friends
     * @param diagnostics where problems go
     */
    Preprocessor(Map<String, String> env, Diagnostics diagnostics) {
        this.env = env;
        this.diagnostics = diagnostics;
    }

    /** The directives of {@code text}, read as file {@code file}. */
    List<Directive> process(String file, String text) {
        List<Directive> out = new ArrayList<>();
        Deque<Block> blocks = new ArrayDeque<>();
        String[] lines = text.split("\r?\n|\r", -1);
        String[] section = {""};
        String sectionKeyword = "";
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            SourceLocation loc = new SourceLocation(file, lineNo);
            boolean active = blocks.isEmpty() || blocks.peek().active;
            Lexer lexer = new Lexer(name -> switch (name) {
                case ".FILE" -> file;
                case ".LINE" -> Integer.toString(lineNo);
                case ".SECTION" -> section[0];
                default -> env.get(name);
            });
            List<String> words;
            try {
                words = lexer.split(lines[i]);
            } catch (Lexer.LexException e) {
                if (active) {
                    diagnostics.error(loc, null, e.getMessage() + ": " + lines[i].strip());
                }
                continue;
            }
            if (words.isEmpty()) {
                continue;
            }
            String kw = words.get(0);
            if (kw.startsWith(".")) {
                if (conditional(kw, words, loc, blocks, active)) {
                    continue;
                }
            }
            if (!active) {
                continue;
            }
            if (kw.startsWith(".")) {
                message(kw, words, loc);
                continue;
            }
            if (SECTION_KEYWORDS.contains(kw)) {
                section[0] = words.size() > 1 ? words.get(1) : kw;
                sectionKeyword = kw;
            } else if (sectionKeyword.equals("global")) {
                applyEnvironment(words);
            }
            words = expandAddress(words, lexer);
            out.add(new Directive(words, loc));
        }
        for (Block b : blocks) {
            diagnostics.error(b.start, ".if", "missing '.endif' for the '.if' at line " + b.start.line());
        }
        return out;
    }

    /** Handles {@code .if/.elif/.else/.endif}; returns false for any other dot-directive. */
    private boolean conditional(String kw, List<String> words, SourceLocation loc, Deque<Block> blocks,
                                boolean active) {
        switch (kw) {
            case ".if" -> {
                boolean value = active && condition(kw, words, loc);
                blocks.push(new Block(loc, active, value));
                return true;
            }
            case ".elif" -> {
                Block b = blocks.peek();
                if (b == null) {
                    diagnostics.error(loc, kw, "'.elif' without a matching '.if'");
                } else if (b.sawElse) {
                    diagnostics.error(loc, kw, "'.elif' after '.else' (the '.if' is at line " + b.start.line() + ")");
                } else if (b.parentActive && !b.taken) {
                    b.active = condition(kw, words, loc);
                    b.taken = b.active;
                } else {
                    b.active = false;
                }
                return true;
            }
            case ".else" -> {
                Block b = blocks.peek();
                if (b == null) {
                    diagnostics.error(loc, kw, "'.else' without a matching '.if'");
                } else if (b.sawElse) {
                    diagnostics.error(loc, kw, "a second '.else' for the '.if' at line " + b.start.line());
                } else {
                    b.sawElse = true;
                    b.active = b.parentActive && !b.taken;
                    b.taken = true;
                }
                if (words.size() > 1) {
                    diagnostics.error(loc, kw, "'.else' takes no argument");
                }
                return true;
            }
            case ".endif" -> {
                if (blocks.isEmpty()) {
                    diagnostics.error(loc, kw, "'.endif' without a matching '.if'");
                } else {
                    blocks.pop();
                }
                if (words.size() > 1) {
                    diagnostics.error(loc, kw, "'.endif' takes no argument");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean condition(String kw, List<String> words, SourceLocation loc) {
        if (words.size() < 2) {
            diagnostics.error(loc, kw, "'" + kw + "' expects a condition such as 'defined(VAR)' or 'version_atleast(2.4)'");
            return false;
        }
        try {
            return ConfigCondition.evaluate(String.join(" ", words.subList(1, words.size())), env);
        } catch (IllegalArgumentException e) {
            diagnostics.error(loc, kw, e.getMessage());
            return false;
        }
    }

    /** Handles {@code .diag/.notice/.warning/.alert} in an active block. */
    private void message(String kw, List<String> words, SourceLocation loc) {
        if (!Set.of(".diag", ".notice", ".warning", ".alert").contains(kw)) {
            diagnostics.error(loc, kw, "unknown directive '" + kw + "'; known: .if, .elif, .else, .endif, .diag, "
                    + ".notice, .warning, .alert");
            return;
        }
        if (words.size() > 2) {
            diagnostics.error(loc, kw, "unexpected argument '" + words.get(2) + "' for '" + kw
                    + "'. Use quotes if the message should contain spaces.");
            return;
        }
        String text = words.size() > 1 ? words.get(1) : "";
        switch (kw) {
            case ".alert" -> diagnostics.error(loc, kw, text);
            case ".warning" -> diagnostics.warning(loc, kw, text);
            case ".notice" -> diagnostics.notice(loc, kw, text);
            default -> {
                // .diag is only printed by HAProxy in diagnostic mode (-dD), which Ballast does not have.
            }
        }
    }

    /**
     * Expands {@code $VAR} and {@code ${VAR}} in the address of a {@code bind}, {@code server} or {@code log} line,
     * as HAProxy's address parser does after the line has been split (so {@code bind :${PORT}} works unquoted).
     */
    private static List<String> expandAddress(List<String> words, Lexer lexer) {
        int at = switch (words.get(0)) {
            case "bind", "log" -> 1;
            case "server" -> 2;
            default -> -1;
        };
        if (at < 0 || at >= words.size()) {
            return words;
        }
        List<String> out = new ArrayList<>(words);
        out.set(at, lexer.expandAddress(words.get(at)));
        return out;
    }

    /** Applies {@code setenv}, {@code presetenv}, {@code unsetenv} and {@code resetenv} (checked later by the global parser). */
    private void applyEnvironment(List<String> words) {
        switch (words.get(0)) {
            case "setenv" -> {
                if (words.size() == 3) {
                    env.put(words.get(1), words.get(2));
                }
            }
            case "presetenv" -> {
                if (words.size() == 3) {
                    env.putIfAbsent(words.get(1), words.get(2));
                }
            }
            case "unsetenv" -> words.subList(1, words.size()).forEach(env::remove);
            case "resetenv" -> env.keySet().retainAll(Set.copyOf(words.subList(1, words.size())));
            default -> {
            }
        }
    }
}
