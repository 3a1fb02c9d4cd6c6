package io.ballast.core.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http-errors <name>} sections: named groups of {@code errorfile <code> <file>} lines that proxies
 * import with {@code errorfiles <name> [<code> ...]} or {@code http-error status <code> errorfiles <name>}.
 */
final class HttpErrorsSections {

    private final Diagnostics diagnostics;
    private final Map<String, Map<Integer, ErrorFile>> sections = new HashMap<>();
    private final Map<String, SourceLocation> declared = new HashMap<>();

    HttpErrorsSections(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Starts the section that {@code d} ({@code http-errors <name>}) declares.
     *
     * @return its pages, to which the section's {@code errorfile} lines add; {@code null} when it is refused
     */
    Map<Integer, ErrorFile> start(Directive d) {
        String name = d.arg(1);
        if (name == null || name.isEmpty()) {
            diagnostics.error(d.location(), null, "missing name for http-errors section.");
            return null;
        }
        if (d.size() > 2) {
            diagnostics.error(d.location(), null, "unexpected argument '" + d.arg(2) + "' for http-errors section '"
                    + name + "'.");
            return null;
        }
        SourceLocation first = declared.putIfAbsent(name, d.location());
        if (first != null) {
            diagnostics.error(d.location(), null, "http-errors section '" + name + "' already exists (declared at "
                    + first + ").");
            return null;
        }
        Map<Integer, ErrorFile> pages = new LinkedHashMap<>();
        sections.put(name, pages);
        return pages;
    }

    /** The pages of proxy {@code proxy} once its {@code lines} are applied in order, the last one winning. */
    Map<Integer, ErrorFile> resolve(String proxy, List<ErrorPageLine> lines) {
        Map<Integer, ErrorFile> out = new LinkedHashMap<>();
        for (ErrorPageLine line : lines) {
            if (line.section() == null) {
                if (line.page() != null) {
                    out.put(line.status(), line.page());
                } else {
                    out.remove(line.status());
                }
                continue;
            }
            Map<Integer, ErrorFile> pages = sections.get(line.section());
            if (pages == null) {
                diagnostics.error(line.location(), null, "proxy '" + proxy + "': unknown http-errors section '"
                        + line.section() + "'.");
                continue;
            }
            if (line.codes().isEmpty()) {
                out.putAll(pages);
            }
            for (int code : line.codes()) {
                ErrorFile page = pages.get(code);
                if (page != null) {
                    out.put(code, page);
                } else {
                    diagnostics.warning(line.location(), null, "proxy '" + proxy + "' : status '" + code
                            + "' not declared in http-errors section '" + line.section() + "'.");
                }
            }
        }
        return out;
    }
}
