package io.ballast.acl.internal.expr;

import io.ballast.acl.BackendReference;
import io.ballast.acl.internal.auth.Userlist;
import io.ballast.core.config.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * What factories may need while compiling: the location, a place to record backend references, the compiler's
 * cache of loaded map files (each file is read once per compiler) and the configuration's userlists.
 */
public final class CompileEnv {

    private final List<BackendReference> references;
    private final Map<String, Object> fileCache;
    private final Map<String, Userlist> userlists;
    private SourceLocation location;

    public CompileEnv(List<BackendReference> references, Map<String, Object> fileCache,
                      Map<String, Userlist> userlists) {
        this.references = references;
        this.fileCache = fileCache;
        this.userlists = userlists;
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

    /** The {@code userlist} called {@code name}, or {@code null}. */
    public Userlist userlist(String name) {
        return userlists.get(name);
    }
}
