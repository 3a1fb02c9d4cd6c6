package io.ballast.acl.internal.cond;

import io.ballast.acl.AclException;
import io.ballast.acl.BackendReference;
import io.ballast.acl.Condition;
import io.ballast.acl.SampleContext;
import io.ballast.acl.SampleExpression;
import io.ballast.acl.StringTemplate;
import io.ballast.acl.internal.expr.CompileEnv;
import io.ballast.acl.internal.expr.CompiledSample;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.expr.Registry;
import io.ballast.acl.internal.expr.SampleParser;
import io.ballast.core.config.Suggestions;
import io.ballast.acl.internal.auth.Userlist;
import io.ballast.acl.internal.pattern.MatchMethod;
import io.ballast.acl.internal.pattern.PatternException;
import io.ballast.acl.internal.pattern.PatternFiles;
import io.ballast.acl.internal.pattern.PatternSet;
import io.ballast.acl.internal.pattern.Patterns;
import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.config.SourceLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The compiler state of one proxy section: the ACLs defined so far, the predefined ones compiled on first use,
 * warnings, backend references and the cache of loaded map files. Not thread-safe (configuration parsing is
 * single-threaded); what it returns is immutable and thread-safe.
 */
public final class AclSection {

    private final Registry registry;
    private final CompileEnv env;
    private final SampleParser parser;
    private final Map<String, Acl> acls = new LinkedHashMap<>();
    private final Map<String, Acl> predefined = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<BackendReference> references = new ArrayList<>();

    /** @param userlists the {@code userlist} sections that {@code http_auth} and {@code http_auth_group} may name */
    public AclSection(Registry registry, Map<String, Userlist> userlists) {
        this.registry = registry;
        this.env = new CompileEnv(references, new HashMap<>(), userlists);
        this.parser = new SampleParser(registry, env);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public List<BackendReference> references() {
        return Collections.unmodifiableList(references);
    }

    public java.util.Set<String> aclNames() {
        return Collections.unmodifiableSet(acls.keySet());
    }

    // ------------------------------------------------------------------ acl lines

    public void defineAcl(List<String> words, SourceLocation location) throws AclException {
        env.location(location);
        if (words.size() < 2 || !"acl".equals(words.get(0))) {
            throw new AclException("'acl' expects an ACL name and a criterion", location);
        }
        String name = words.get(1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                throw new AclException("character '" + c + "' is not permitted in acl name '" + name + "'.", location);
            }
        }
        if (name.isEmpty()) {
            throw new AclException("'acl' expects an ACL name", location);
        }
        if (name.equalsIgnoreCase("or")) {
            throw new AclException("acl : 'or' is a reserved keyword and cannot be used as an ACL name.", location);
        }
        if (words.size() < 3) {
            throw new AclException("error detected while parsing ACL '" + name + "' : missing fetch method in ACL expression ''.", location);
        }
        AclExpr expr;
        try {
            expr = parseExpression(words.subList(2, words.size()), location);
        } catch (AclException e) {
            throw new AclException("error detected while parsing ACL '" + name + "' : " + e.getMessage(), location);
        }
        acls.computeIfAbsent(name, Acl::new).add(expr);
    }

    /** Parses {@code <criterion> [flags] [operator] <values>...}. */
    private AclExpr parseExpression(List<String> words, SourceLocation location) throws AclException {
        String criterion = words.get(0);
        CompiledSample sample = parser.parseAclCriterion(criterion);
        Keyword kw = sample.keyword();
        MatchMethod method = null;
        if (kw.aclMatch() != null) {
            method = kw.aclMatch() == MatchMethod.METH && sample.hasConverters() ? MatchMethod.STR : kw.aclMatch();
        }
        boolean icase = false;
        boolean mapFile = false;
        boolean sawFile = false;
        boolean explicitMethod = false;
        List<Boolean> groupCase = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        int i = 1;
        while (i < words.size()) {
            String w = words.get(i);
            if (!w.startsWith("-") || w.length() == 1) {
                break;
            }
            if (w.equals("--")) {
                i++;
                break;
            }
            switch (w) {
                case "-i":
                    icase = true;
                    i++;
                    continue;
                case "-n":
                    i++;
                    continue;
                case "-M":
                    mapFile = true;
                    i++;
                    continue;
                case "-u":
                    if (i + 1 >= words.size()) {
                        throw new AclException("'-u' expects a unique id.", location);
                    }
                    i += 2;
                    continue;
                case "-m": {
                    if (sawFile) {
                        throw new AclException("'-m' must only be specified before patterns and files in parsing ACL expression.", location);
                    }
                    if (i + 1 >= words.size()) {
                        throw new AclException("'-m' expects a match method.", location);
                    }
                    String mw = words.get(i + 1);
                    MatchMethod m = MatchMethod.byKeyword(mw);
                    if (m == null) {
                        List<String> names = new ArrayList<>();
                        for (MatchMethod mm : MatchMethod.values()) {
                            names.add(mm.keyword());
                        }
                        throw new AclException("unknown matching method '" + mw + "' when parsing ACL expression."
                                + Suggestions.didYouMeanSentence(mw, new TreeSet<>(names)), location);
                    }
                    method = m;
                    explicitMethod = true;
                    i += 2;
                    continue;
                }
                case "-f": {
                    String file = i + 1 < words.size() ? words.get(i + 1) : "";
                    if (method == null) {
                        method = defaultMethod(sample, criterion, location);
                    }
                    sawFile = true;
                    List<String> pats;
                    try {
                        if (mapFile) {
                            pats = new ArrayList<>();
                            for (String[] kv : PatternFiles.readMap(file)) {
                                pats.add(kv[0]);
                            }
                        } else {
                            pats = PatternFiles.readPatterns(file);
                        }
                    } catch (PatternException e) {
                        throw new AclException(e.getMessage() + ".", location);
                    }
                    addGroup(groups, groupCase, pats, icase);
                    fileNames.add(file);
                    i += 2;
                    continue;
                }
                default:
                    throw new AclException("'" + w + "' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'.", location);
            }
        }
        if (method == null) {
            method = defaultMethod(sample, criterion, location);
        }
        if (explicitMethod && !Casts.canCast(sample.outType(), method.input())) {
            throw new AclException("ACL keyword '" + kw.name() + "' returns type '" + Sample.typeName(sample.outType())
                    + "' which cannot be matched with '-m " + method.keyword() + "'.", location);
        }
        List<String> values = new ArrayList<>(words.subList(i, words.size()));
        if (method.integerPatterns()) {
            try {
                values = Patterns.applyIntegerOperators(values);
            } catch (PatternException e) {
                throw new AclException(e.getMessage(), location);
            }
        }
        if (!values.isEmpty()) {
            addGroup(groups, groupCase, values, icase);
        }
        boolean noPatterns = groups.stream().allMatch(List::isEmpty);
        if (noPatterns && method != MatchMethod.FOUND && method != MatchMethod.BOOL && fileNames.isEmpty()
                && !words.contains("--")) {
            warnings.add((location == null ? "" : "parsing [" + location + "] : ") + "parsing acl keyword '" + criterion
                    + "' : no pattern to match against were provided, so this ACL will never match. "
                    + "If this is what you intended, please add '--' to get rid of this warning. "
                    + "If you intended to match only for existence, please use '-m found'. "
                    + "If you wanted to force an int to match as a bool, please use '-m bool'.");
        }
        List<PatternSet> sets = new ArrayList<>();
        if (method == MatchMethod.FOUND || method == MatchMethod.BOOL) {
            try {
                sets.add(Patterns.compile(method, List.of(), false, false));
            } catch (PatternException e) {
                throw new AclException(e.getMessage(), location);
            }
        } else {
            for (int g = 0; g < groups.size(); g++) {
                List<String> pats = groups.get(g);
                try {
                    sets.add(Patterns.compile(method, pats, groupCase.get(g), false));
                } catch (PatternException e) {
                    throw new AclException(e.getMessage(), location);
                }
            }
        }
        String text = String.join(" ", words);
        return new AclExpr(sample, sets.toArray(new PatternSet[0]), text);
    }

    private static void addGroup(List<List<String>> groups, List<Boolean> cases, List<String> pats, boolean icase) {
        if (!groups.isEmpty() && cases.get(cases.size() - 1) == icase) {
            groups.get(groups.size() - 1).addAll(pats);
        } else {
            groups.add(new ArrayList<>(pats));
            cases.add(icase);
        }
    }

    private MatchMethod defaultMethod(CompiledSample sample, String criterion, SourceLocation location) throws AclException {
        MatchMethod m = MatchMethod.defaultFor(sample.outType());
        if (m == null) {
            throw new AclException("matching method must be specified first (using '-m') when using a sample fetch of "
                    + "this type ('" + sample.keyword().name() + "').", location);
        }
        return m;
    }

    // ------------------------------------------------------------------ conditions

    public Condition condition(List<String> words, SourceLocation location) throws AclException {
        env.location(location);
        if (words.isEmpty() || !("if".equals(words.get(0)) || "unless".equals(words.get(0)))) {
            throw new AclException("a condition starts with 'if' or 'unless'"
                    + (words.isEmpty() ? "" : ", not '" + words.get(0) + "'"), location);
        }
        boolean unless = "unless".equals(words.get(0));
        List<CompiledCondition.Term[]> suites = new ArrayList<>();
        List<CompiledCondition.Term> current = new ArrayList<>();
        boolean neg = false;
        String pendingBang = "";
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            while (w.startsWith("!")) {
                neg = !neg;
                pendingBang += "!";
                w = w.substring(1);
            }
            if (w.isEmpty()) {
                continue;
            }
            if (w.equalsIgnoreCase("or") || w.equals("||")) {
                if (current.isEmpty()) {
                    throw new AclException("missing ACL before '" + w + "' in condition.", location);
                }
                suites.add(current.toArray(new CompiledCondition.Term[0]));
                current = new ArrayList<>();
                neg = false;
                pendingBang = "";
                continue;
            }
            Acl acl;
            String termText;
            if (w.equals("{")) {
                int close = i + 1;
                while (close < words.size() && !words.get(close).equals("}")) {
                    close++;
                }
                if (close >= words.size()) {
                    throw new AclException("missing closing '}' in condition.", location);
                }
                List<String> inner = words.subList(i + 1, close);
                if (inner.isEmpty()) {
                    throw new AclException("missing fetch method in ACL expression ''.", location);
                }
                acl = new Acl("anonymous");
                acl.add(parseExpression(inner, location));
                termText = pendingBang + "{ " + String.join(" ", inner) + " }";
                i = close;
            } else {
                acl = lookup(w, location);
                termText = pendingBang + w;
            }
            current.add(new CompiledCondition.Term(acl, neg, termText));
            neg = false;
            pendingBang = "";
        }
        if (current.isEmpty()) {
            if (suites.isEmpty()) {
                throw new AclException("missing condition after '" + words.get(0) + "'.", location);
            }
            throw new AclException("missing ACL after 'or' in condition.", location);
        }
        suites.add(current.toArray(new CompiledCondition.Term[0]));
        return new CompiledCondition(suites.toArray(new CompiledCondition.Term[0][]), unless, String.join(" ", words));
    }

    private Acl lookup(String name, SourceLocation location) throws AclException {
        Acl acl = acls.get(name);
        if (acl != null) {
            return acl;
        }
        acl = predefined.get(name);
        if (acl != null) {
            return acl;
        }
        String unsupported = Predefined.UNSUPPORTED.get(name);
        if (unsupported != null) {
            throw new AclException(unsupported + ".", location);
        }
        List<String> def = Predefined.DEFINITIONS.get(name);
        if (def == null) {
            List<String> known = new ArrayList<>(acls.keySet());
            known.addAll(Predefined.DEFINITIONS.keySet());
            throw new AclException("no such ACL : '" + name + "'." + Suggestions.didYouMeanSentence(name, known), location);
        }
        acl = new Acl(name);
        acl.add(parseExpression(def, location));
        predefined.put(name, acl);
        return acl;
    }

    // ------------------------------------------------------------------ samples and templates

    public SampleExpression sample(String expression, SourceLocation location) throws AclException {
        env.location(location);
        CompiledSample s = parser.parseExpression(expression);
        return new Expression(s);
    }

    private record Expression(CompiledSample sample) implements SampleExpression {
        @Override
        public String evaluateString(SampleContext ctx) {
            Sample smp = Sample.acquire();
            try {
                return sample.evaluateString(ctx, smp);
            } finally {
                smp.release();
            }
        }

        @Override
        public byte[] evaluateBinary(SampleContext ctx) {
            Sample smp = Sample.acquire();
            try {
                return sample.evaluateBinary(ctx, smp);
            } finally {
                smp.release();
            }
        }

        @Override
        public String text() {
            return sample.text();
        }

        @Override
        public String toString() {
            return sample.text();
        }
    }

    public StringTemplate template(String format, SourceLocation location) throws AclException {
        env.location(location);
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new AclException("unexpected '%' at the end of log-format string '" + format
                        + "' (write '%%' for a literal '%').", location);
            }
            char d = format.charAt(i + 1);
            if (d == '%') {
                lit.append('%');
                i += 2;
            } else if (d == '[') {
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                SampleParser.Parsed p = parser.parseTemplatePart(format, i + 2);
                parts.add(p.sample());
                i = p.end() + 1;
            } else if (d == '{') {
                throw new AclException("log-format options such as '" + format.substring(i, Math.min(format.length(), format.indexOf('}', i) + 1))
                        + "' are not supported yet in '" + format + "'.", location);
            } else {
                int e = i + 1;
                while (e < format.length() && Character.isLetterOrDigit(format.charAt(e))) {
                    e++;
                }
                String var = format.substring(i, Math.max(e, i + 2));
                throw new AclException("log-format variable '" + var + "' is not supported yet in '" + format
                        + "'; use a sample expression such as '%[src]' (write '%%' for a literal '%').", location);
            }
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        return new Template(parts.toArray(), format);
    }

    private static final class Template implements StringTemplate {
        private final Object[] parts;
        private final String text;
        private final String constant;

        Template(Object[] parts, String text) {
            this.parts = parts;
            this.text = text;
            boolean constantParts = true;
            StringBuilder b = new StringBuilder();
            for (Object p : parts) {
                if (p instanceof String s) {
                    b.append(s);
                } else {
                    constantParts = false;
                }
            }
            this.constant = constantParts ? b.toString() : null;
        }

        @Override
        public String render(SampleContext ctx) {
            if (constant != null) {
                return constant;
            }
            Sample smp = Sample.acquire();
            try {
                StringBuilder b = new StringBuilder(64);
                for (Object p : parts) {
                    if (p instanceof String s) {
                        b.append(s);
                    } else {
                        String v = ((CompiledSample) p).evaluateString(ctx, smp);
                        if (v != null) {
                            b.append(v);
                        }
                    }
                }
                return b.toString();
            } finally {
                smp.release();
            }
        }

        @Override
        public boolean isConstant() {
            return constant != null;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
