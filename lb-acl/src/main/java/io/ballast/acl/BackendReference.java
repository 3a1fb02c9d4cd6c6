package io.ballast.acl;

import io.ballast.core.config.SourceLocation;

/**
 * A backend (or server) named in a fetch argument, such as {@code nbsrv(be_app)} or {@code srv_is_up(be/s1)}.
 * HAProxy checks these after the whole configuration is read (a backend may be declared later), so the compiler
 * only records them: see {@link AclCompiler#backendReferences()}.
 *
 * @param keyword  the fetch, e.g. {@code nbsrv}
 * @param backend  the backend name, or {@code null} for "the current proxy" (fetch used without argument)
 * @param server   the server name for {@code srv_*} fetches, otherwise {@code null}
 * @param location where it was written
 */
public record BackendReference(String keyword, String backend, String server, SourceLocation location) {

    /**
     * The HAProxy-style error to report when the reference is dangling, e.g. {@code unable to find backend 'x'
     * referenced in arg 1 of ACL keyword 'nbsrv' in proxy 'fe'}.
     */
    public String missingBackendMessage(String proxyName) {
        if (backend == null) {
            return "proxy '" + proxyName + "', referenced in arg 1 of ACL keyword '" + keyword + "' in proxy '"
                    + proxyName + "', has not backend capability";
        }
        return "unable to find backend '" + backend + "' referenced in arg 1 of ACL keyword '" + keyword
                + "' in proxy '" + proxyName + "'";
    }

    /** The HAProxy-style error to report when the server does not exist in the backend. */
    public String missingServerMessage(String proxyName) {
        return "unable to find server '" + server + "' in proxy '" + backend + "', referenced in arg 1 of ACL keyword '"
                + keyword + "' in proxy '" + proxyName + "'";
    }
}
