package io.ballast.acl;

import io.ballast.acl.internal.auth.Userlist;
import io.ballast.acl.internal.cond.AclSection;
import io.ballast.acl.internal.expr.Registry;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.UserlistConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles HAProxy 2.6's ACL language for one proxy section: holds the {@code acl} definitions seen so far and
 * compiles conditions, sample expressions and log-format templates into immutable, thread-safe objects.
 *
 * <p>Use one instance per {@code frontend}/{@code backend}/{@code listen} section and feed it the section's lines in
 * order: a condition may only name ACLs defined above it (or predefined ones, see below), as in HAProxy. An
 * {@code acl} line with an already defined name ORs its patterns into that ACL, including for conditions compiled
 * earlier. The compiler itself is not thread-safe; what it returns is.
 *
 * <p>Predefined ACLs: {@code TRUE FALSE HTTP HTTP_1.0 HTTP_1.1 HTTP_2.0 HTTP_CONTENT HTTP_URL_ABS HTTP_URL_SLASH
 * HTTP_URL_STAR LOCALHOST METH_CONNECT METH_DELETE METH_GET METH_HEAD METH_OPTIONS METH_POST METH_PUT METH_TRACE
 * REQ_CONTENT WAIT_END}. {@code REQ_CONTENT} is true when an HTTP request is present; {@code WAIT_END} is always
 * true; {@code RDP_COOKIE} is refused (no TCP payload inspection yet). A user ACL with the same name wins.
 *
 * <p>Error messages follow HAProxy's: those of {@link #defineAcl} start with
 * {@code error detected while parsing ACL '<name>' : }; those of {@link #condition} are bare (the caller knows the
 * directive, e.g. HAProxy prefixes {@code error detected while parsing an 'http-request deny' condition : }).
 */
public final class AclCompiler {

    private final AclSection section;

    private AclCompiler(AclSection section) {
        this.section = section;
    }

    /**
     * A compiler with the built-in fetches and converters plus the {@link SampleFetchProvider}s found by
     * ServiceLoader, and no {@code userlist}: {@code http_auth} and {@code http_auth_group} are errors.
     */
    public static AclCompiler create() {
        return withUserlists(List.of());
    }

    /** A compiler with the built-ins plus exactly these providers (no ServiceLoader lookup); for embedders and tests. */
    public static AclCompiler create(Iterable<SampleFetchProvider> providers) {
        return new AclCompiler(new AclSection(Registry.build(providers), Map.of()));
    }

    /**
     * A compiler like {@link #create()} whose {@code http_auth(<name>)} and {@code http_auth_group(<name>)} fetches
     * check {@code Authorization: Basic} credentials against these {@code userlist} sections (usually
     * {@link io.ballast.core.config.BallastConfig#userlists()}); a fetch naming another list is an error.
     */
    public static AclCompiler withUserlists(List<UserlistConfig> userlists) {
        Map<String, Userlist> compiled = new HashMap<>();
        for (UserlistConfig u : userlists) {
            compiled.put(u.name(), new Userlist(u));
        }
        return new AclCompiler(new AclSection(Registry.standard(), compiled));
    }

    /**
     * Defines (or extends) an ACL: {@code acl <name> <criterion>[,<converter>...] [flags] [operator] <values>...}.
     *
     * @param words    the line's words as the configuration lexer split and unquoted them; {@code words.get(0)} is
     *                 {@code acl}
     * @param location where the line was written, for messages
     * @throws AclException naming the offending word
     */
    public void defineAcl(List<String> words, SourceLocation location) throws AclException {
        section.defineAcl(words, location);
    }

    /**
     * Compiles a condition. Braces of anonymous ACLs must be separate words: {@code if { path_beg /api } METH_POST}.
     *
     * @param words starts with {@code if} or {@code unless}
     * @throws AclException naming the offending word, e.g. {@code no such ACL : 'nope'.}
     */
    public Condition condition(List<String> words, SourceLocation location) throws AclException {
        return section.condition(words, location);
    }

    /**
     * Compiles a sample expression such as {@code req.hdr(host),lower,map(/etc/hosts.map,be_default)}; map files
     * are read now, once per compiler.
     */
    public SampleExpression sample(String expression, SourceLocation location) throws AclException {
        return section.sample(expression, location);
    }

    /**
     * Compiles a log-format-style string: {@code %[expr]} parts are sample expressions, {@code %%} is a literal
     * {@code %}. Log variables such as {@code %ci} and {@code %{+Q}} options are refused for now.
     */
    public StringTemplate template(String format, SourceLocation location) throws AclException {
        return section.template(format, location);
    }

    /**
     * Warnings HAProxy would print, so far (e.g. an ACL without patterns that can never match), each prefixed with
     * {@code parsing [file:line] : }.
     */
    public List<String> warnings() {
        return section.warnings();
    }

    /**
     * Backends and servers named by fetches ({@code nbsrv(be)}, {@code srv_is_up(be/srv)}...) so far. HAProxy
     * refuses a configuration where one does not exist; check them once every section is read.
     */
    public List<BackendReference> backendReferences() {
        return section.references();
    }

    /** Names of the ACLs defined so far in this section. */
    public Set<String> aclNames() {
        return section.aclNames();
    }
}
