package io.ballast.acl.internal.pattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pattern files ({@code -f}) and map files, HAProxy's {@code pat_ref_read_from_file*}: leading and trailing
 * blanks are removed, lines that are empty or start with {@code #} are skipped. A map line is a key, blanks, then
 * the value (the rest of the line).
 */
public final class PatternFiles {

    private PatternFiles() {
    }

    /** One pattern per line. */
    public static List<String> readPatterns(String file) throws PatternException {
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            String t = line.strip();
            if (!t.isEmpty() && t.charAt(0) != '#') {
                out.add(t);
            }
        }
        return out;
    }

    /** {key, value, line number} triples; a key without value gets an empty value. */
    public static List<String[]> readMap(String file) throws PatternException {
        List<String[]> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.charAt(0) == '#') {
                continue;
            }
            int i = 0;
            while (i < t.length() && !isBlank(t.charAt(i))) {
                i++;
            }
            String key = t.substring(0, i);
            String value = t.substring(i).strip();
            out.add(new String[] {key, value, Integer.toString(lineNo)});
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static List<String> lines(String file) throws PatternException {
        try {
            try {
                return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                return Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1);
            }
        } catch (IOException | RuntimeException e) {
            throw new PatternException("failed to open pattern file <" + file + ">");
        }
    }
}
