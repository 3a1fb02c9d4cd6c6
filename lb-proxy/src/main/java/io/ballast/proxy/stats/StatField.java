package io.ballast.proxy.stats;

/**
 * The columns of HAProxy 2.6's {@code show stat} CSV, in its order, up to the {@code -} separator (the per-module
 * counters that follow it in HAProxy are not reported). Each column carries HAProxy's typed-output metadata: a tag
 * of origin, nature and scope letters ({@code MCP}: metric, counter, process-wide) and a value type ({@code u32},
 * {@code u64}, {@code s32}, {@code str}), and which kinds of rows have a value in it.
 */
public enum StatField {
    PXNAME("pxname", "KNS", "str", "FBS"),
    SVNAME("svname", "KNS", "str", "FBS"),
    QCUR("qcur", "MGP", "u32", "BS"),
    QMAX("qmax", "MMP", "u32", "BS"),
    SCUR("scur", "MGP", "u32", "FBS"),
    SMAX("smax", "MMP", "u32", "FBS"),
    SLIM("slim", "CLP", "u32", "FBS"),
    STOT("stot", "MCP", "u64", "FBS"),
    BIN("bin", "MCP", "u64", "FBS"),
    BOUT("bout", "MCP", "u64", "FBS"),
    DREQ("dreq", "MCP", "u64", "FB"),
    DRESP("dresp", "MCP", "u64", "FBS"),
    EREQ("ereq", "MCP", "u64", "F"),
    ECON("econ", "MCP", "u64", "BS"),
    ERESP("eresp", "MCP", "u64", "BS"),
    WRETR("wretr", "MCP", "u64", "BS"),
    WREDIS("wredis", "MCP", "u64", "BS"),
    STATUS("status", "SGP", "str", "FBS"),
    WEIGHT("weight", "MaP", "u32", "BS"),
    ACT("act", "MGP", "u32", "BS"),
    BCK("bck", "MGP", "u32", "BS"),
    CHKFAIL("chkfail", "MCP", "u64", "S"),
    CHKDOWN("chkdown", "MCP", "u64", "BS"),
    LASTCHG("lastchg", "MAP", "u32", "BS"),
    DOWNTIME("downtime", "MCP", "u32", "BS"),
    QLIMIT("qlimit", "CLP", "u32", "S"),
    PID("pid", "KGP", "u32", "FBS"),
    IID("iid", "KGS", "u32", "FBS"),
    SID("sid", "KGS", "u32", "FBS"),
    THROTTLE("throttle", "MGP", "u32", "S"),
    LBTOT("lbtot", "MCP", "u64", "BS"),
    TRACKED("tracked", "CGS", "str", "S"),
    TYPE("type", "CGS", "u32", "FBS"),
    RATE("rate", "MGP", "u32", "FBS"),
    RATE_LIM("rate_lim", "CLP", "u32", "F"),
    RATE_MAX("rate_max", "MGP", "u32", "FBS"),
    CHECK_STATUS("check_status", "MOP", "str", "S"),
    CHECK_CODE("check_code", "MOP", "u32", "S"),
    CHECK_DURATION("check_duration", "MDP", "u64", "S"),
    HRSP_1XX("hrsp_1xx", "MCP", "u64", "FBS"),
    HRSP_2XX("hrsp_2xx", "MCP", "u64", "FBS"),
    HRSP_3XX("hrsp_3xx", "MCP", "u64", "FBS"),
    HRSP_4XX("hrsp_4xx", "MCP", "u64", "FBS"),
    HRSP_5XX("hrsp_5xx", "MCP", "u64", "FBS"),
    HRSP_OTHER("hrsp_other", "MCP", "u64", "FBS"),
    HANAFAIL("hanafail", "MCP", "u64", "S"),
    REQ_RATE("req_rate", "MRP", "u32", "F"),
    REQ_RATE_MAX("req_rate_max", "MMP", "u32", "F"),
    REQ_TOT("req_tot", "MCP", "u64", "FBS"),
    CLI_ABRT("cli_abrt", "MCP", "u64", "BS"),
    SRV_ABRT("srv_abrt", "MCP", "u64", "BS"),
    COMP_IN("comp_in", "MCP", "u64", "FB"),
    COMP_OUT("comp_out", "MCP", "u64", "FB"),
    COMP_BYP("comp_byp", "MCP", "u64", "FB"),
    COMP_RSP("comp_rsp", "MCP", "u64", "FB"),
    LASTSESS("lastsess", "MAP", "s32", "BS"),
    LAST_CHK("last_chk", "MOP", "str", "S"),
    LAST_AGT("last_agt", "MOP", "str", "S"),
    QTIME("qtime", "MaP", "u32", "BS"),
    CTIME("ctime", "MaP", "u32", "BS"),
    RTIME("rtime", "MaP", "u32", "BS"),
    TTIME("ttime", "MaP", "u32", "BS"),
    AGENT_STATUS("agent_status", "MOP", "str", "S"),
    AGENT_CODE("agent_code", "MOP", "u32", "S"),
    AGENT_DURATION("agent_duration", "MDP", "u64", "S"),
    CHECK_DESC("check_desc", "MOP", "str", "S"),
    AGENT_DESC("agent_desc", "MOP", "str", "S"),
    CHECK_RISE("check_rise", "CGS", "u32", "S"),
    CHECK_FALL("check_fall", "CGS", "u32", "S"),
    CHECK_HEALTH("check_health", "CGS", "u32", "S"),
    AGENT_RISE("agent_rise", "CGS", "u32", "S"),
    AGENT_FALL("agent_fall", "CGS", "u32", "S"),
    AGENT_HEALTH("agent_health", "CGS", "u32", "S"),
    ADDR("addr", "CGS", "str", "S"),
    COOKIE("cookie", "CGS", "str", "BS"),
    MODE("mode", "CGS", "str", "FBS"),
    ALGO("algo", "CGS", "str", "B"),
    CONN_RATE("conn_rate", "MRP", "u32", "F"),
    CONN_RATE_MAX("conn_rate_max", "MMP", "u32", "F"),
    CONN_TOT("conn_tot", "MCP", "u64", "F"),
    INTERCEPTED("intercepted", "MCP", "u64", "F"),
    DCON("dcon", "MCP", "u64", "F"),
    DSES("dses", "MCP", "u64", "F"),
    WREW("wrew", "MCP", "u64", "FBS"),
    CONNECT("connect", "MCP", "u64", "BS"),
    REUSE("reuse", "MCP", "u64", "BS"),
    CACHE_LOOKUPS("cache_lookups", "MCP", "u64", "FB"),
    CACHE_HITS("cache_hits", "MCP", "u64", "FB"),
    SRV_ICUR("srv_icur", "MGP", "u32", "S"),
    SRC_ILIM("src_ilim", "MGP", "u32", "S"),
    QTIME_MAX("qtime_max", "MMP", "u32", "BS"),
    CTIME_MAX("ctime_max", "MMP", "u32", "BS"),
    RTIME_MAX("rtime_max", "MMP", "u32", "BS"),
    TTIME_MAX("ttime_max", "MMP", "u32", "BS"),
    EINT("eint", "MCP", "u64", "FBS"),
    IDLE_CONN_CUR("idle_conn_cur", "MGP", "u32", "S"),
    SAFE_CONN_CUR("safe_conn_cur", "MGP", "u32", "S"),
    USED_CONN_CUR("used_conn_cur", "MGP", "u32", "S"),
    NEED_CONN_EST("need_conn_est", "MGP", "u32", "S"),
    UWEIGHT("uweight", "MaP", "u32", "BS"),
    AGG_SERVER_STATUS("agg_server_status", "MGP", "u32", "B"),
    AGG_SERVER_CHECK_STATUS("agg_server_check_status", "MGP", "u32", "B"),
    AGG_CHECK_STATUS("agg_check_status", "MGP", "u32", "B");

    private final String csvName;
    private final String tag;
    private final String valueType;
    private final String kinds;

    StatField(String csvName, String tag, String valueType, String kinds) {
        this.csvName = csvName;
        this.tag = tag;
        this.valueType = valueType;
        this.kinds = kinds;
    }

    /** The column's name in the CSV header and typed output, as {@code scur}. */
    public String csvName() {
        return csvName;
    }

    /** HAProxy's origin, nature and scope letters for the typed output, as {@code MGP}. */
    public String tag() {
        return tag;
    }

    /**
     * HAProxy's tag letters for this column in rows of {@code kind}: {@link #tag()}, except where HAProxy tags a kind
     * of row differently (a frontend's or server's session rate is a rate, {@code MRP}, its maximum {@code MMP}; a
     * server's {@code act} and {@code bck} are statuses, {@code SGP}).
     */
    public String tag(StatsRow.Kind kind) {
        if (kind != StatsRow.Kind.BACKEND && this == RATE) {
            return "MRP";
        }
        if (kind != StatsRow.Kind.BACKEND && this == RATE_MAX) {
            return "MMP";
        }
        if (kind == StatsRow.Kind.SERVER && (this == ACT || this == BCK)) {
            return "SGP";
        }
        return tag;
    }

    /** HAProxy's value type for the typed and JSON outputs: {@code u32}, {@code u64}, {@code s32} or {@code str}. */
    public String valueType() {
        return valueType;
    }

    /** Whether rows of {@code kind} have a value in this column. */
    public boolean appliesTo(StatsRow.Kind kind) {
        return kinds.indexOf(kind.letter()) >= 0;
    }
}
