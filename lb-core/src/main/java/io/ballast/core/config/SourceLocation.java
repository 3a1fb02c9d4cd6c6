package io.ballast.core.config;

/**
 * Where a directive was written: a file name and a 1-based line number.
 *
 * @param file the file name as given on the command line (or a label for configurations read from strings)
 * @param line the 1-based line number
 */
public record SourceLocation(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
