package io.ballast.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HAProxy 2.6 configuration files into a validated {@link BallastConfig}. Files are decoded as ISO-8859-1,
 * byte for byte, as HAProxy reads them, so any byte is accepted in comments and quoted text.
 *
 * <p>The pipeline is: text, then words (quoting, escapes and environment variables resolved, conditional blocks
 * applied), then directives with their file and line, then sections, then the immutable model, then the checks
 * that need the whole configuration. Every error found is reported, not only the first, in one
 * {@link ConfigException}; warnings come with the loaded configuration.
 *
 * <pre>{@code
 * LoadedConfig loaded = ConfigLoader.create().load(List.of(Path.of("/etc/haproxy/haproxy.cfg")));
 * loaded.warnings().forEach(w -> System.err.println("[WARNING] " + w));
 * }</pre>
 */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final EndpointParser endpoints;

    private ConfigLoader(Map<String, String> environment, EndpointParser endpoints) {
        this.environment = Map.copyOf(environment);
        this.endpoints = endpoints;
    }

    /**
     * A loader expanding variables from the process environment ({@link System#getenv()}).
     *
     * @return a new loader
     */
    public static ConfigLoader create() {
        return withEnvironment(System.getenv());
    }

    /**
     * A loader expanding variables from {@code env} instead of the process environment.
     *
     * @param env the variables {@code $VAR}, {@code ${VAR}} and {@code defined(VAR)} see; {@code setenv} lines in
     *            the configuration add to a copy of it
     * @return a new loader
     */
    public static ConfigLoader withEnvironment(Map<String, String> env) {
        return new ConfigLoader(env, EndpointParser.systemResolver());
    }

    /**
     * Loads configuration files in order, as {@code haproxy -f a -f b} does. A directory stands for the
     * {@code *.cfg} files it contains, in C-locale (byte) order of their names.
     *
     * @param paths files or directories
     * @return the configuration and its warnings
     * @throws ConfigException with every error found, including files that cannot be read
     */
    public LoadedConfig load(List<Path> paths) throws ConfigException {
        Diagnostics diagnostics = new Diagnostics();
        List<String[]> files = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : expand(path, diagnostics)) {
                try {
                    files.add(new String[] {file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1)});
                } catch (IOException | RuntimeException e) {
                    diagnostics.error(null, null, "Could not open configuration file " + file + " : " + reason(e));
                }
            }
        }
        if (files.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(null, null, "no configuration file to load");
        }
        return run(files, diagnostics);
    }

    /**
     * Parses a configuration given as text.
     *
     * @param fileLabel the name used in messages ({@code parsing [label:line]})
     * @param text      the configuration
     * @return the configuration and its warnings
     * @throws ConfigException with every error found
     */
    public LoadedConfig parse(String fileLabel, String text) throws ConfigException {
        List<String[]> files = new ArrayList<>();
        files.add(new String[] {fileLabel, text});
        return run(files, new Diagnostics());
    }

    private LoadedConfig run(List<String[]> files, Diagnostics diagnostics) throws ConfigException {
        Map<String, String> env = new HashMap<>(environment);
        Preprocessor preprocessor = new Preprocessor(env, diagnostics);
        SectionReader reader = new SectionReader(diagnostics, endpoints);
        for (String[] file : files) {
            String text = file[1];
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            } else if (text.startsWith("\u00EF\u00BB\u00BF")) {
                text = text.substring(3); // a UTF-8 byte order mark read as ISO-8859-1
            }
            reader.read(preprocessor.process(file[0], text));
        }
        GlobalConfig global = reader.global();
        BallastConfig config = new Validator(diagnostics).validate(global, reader.proxies(), reader.userlists());
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.errors(), diagnostics.warnings());
        }
        return new LoadedConfig(config, diagnostics.warnings());
    }

    private static List<Path> expand(Path path, Diagnostics diagnostics) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.cfg")) {
            for (Path p : dir) {
                if (!Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            diagnostics.error(null, null, "Could not open configuration directory " + path + " : " + reason(e));
        }
        out.sort((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
        return out;
    }

    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
