package io.ballast.acl.internal.expr;

import io.ballast.acl.BackendReference;
import io.ballast.core.config.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * What factories may need while compiling: the location, a place to record backend references, and the compiler's
 * cache of loaded map files (each file is read once per compiler).
 */
public final class CompileEnv {

    private final List<BackendReference> references;
    private final Map<String, Object> fileCache;
    private SourceLocation location;

    public CompileEnv(List<BackendReference> references, Map<String, Object> fileCache) {
        this.references = references;
        this.fileCache = fileCache;
    }

    public SourceLocation location() {
        return location;
    }

    public void location(SourceLocation location) {
        this.location = location;
    }

    public void reference(String keyword, String backend, String server) {
        references.add(new BackendReference(keyword, backend, server, location));
    }

    public Map<String, Object> fileCache() {
        return fileCache;
    }
}
