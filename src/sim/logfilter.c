/* SPDX-License-Identifier: MIT */
/* logfilter.c -- parse and evaluate the PAN-OS log filter language over generated entries. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "logstore.h"

/*
 * Grammar (PAN-OS XML API guide, "Retrieve Logs (API)"; pango xmlapi/log.go; demisto/content
 * Panorama.py):
 *   expr    := andexpr ( "or" andexpr )*
 *   andexpr := unary ( "and" unary )*
 *   unary   := ( "not" | "!" ) unary | "(" expr ")" | term
 *   term    := FIELD OP VALUE          OP: eq neq in notin geq leq contains
 *   VALUE   := 'quoted, \' escapes' | bare-word
 * A bare term outside parentheses is accepted, as PAN-OS does (pan-python #41).
 *
 * The parser recurses once per "(", "!" or "not", and the evaluator once per level of the tree,
 * so a query is refused past FILTER_MAX_DEPTH such levels or FILTER_MAX_LEN bytes (50,000 "("
 * overflowed the stack). PAN-OS's own limits are not documented, and no public source shows its
 * answer to a bad query; these are far above any real filter.
 */
#define FILTER_MAX_DEPTH 64
#define FILTER_MAX_LEN 8192

enum op { OP_EQ, OP_NEQ, OP_IN, OP_NOTIN, OP_GEQ, OP_LEQ, OP_CONTAINS };
enum kind { K_TERM, K_AND, K_OR, K_NOT };

struct node {
    enum kind kind;
    struct node *a, *b;
    /* K_TERM */
    enum op op;
    const char *field;  /* canonical element name; "addr" means src or dst */
    char *value;
    int is_period;      /* receive_time in last-... */
    long long period_ms;
    int is_cidr;
    unsigned char net[16];
    int family, plen;
};

struct sim_filter {
    struct node *root;
};

struct parser {
    const char *s;
    size_t pos;
    char *err;
    size_t errlen;
    int failed;
    int depth; /* "(", "!" and "not" open around the current position */
};

static void fail(struct parser *p, const char *what)
{
    if (!p->failed)
        snprintf(p->err, p->errlen, "%s at position %zu", what, p->pos + 1);
    p->failed = 1;
}

static void skip_ws(struct parser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n')
        p->pos++;
}

/* Read a bare word (up to space or parenthesis) into a new string, or NULL if none. */
static char *word(struct parser *p)
{
    skip_ws(p);
    size_t start = p->pos;
    while (p->s[p->pos] != '\0' && strchr(" \t\n()'", p->s[p->pos]) == NULL)
        p->pos++;
    if (p->pos == start)
        return NULL;
    return strndup(p->s + start, p->pos - start);
}

static int peek_word(struct parser *p, const char *w)
{
    skip_ws(p);
    size_t n = strlen(w);
    /* strchr() finds the terminating NUL too: a word at the very end counts. */
    return strncmp(p->s + p->pos, w, n) == 0 && strchr(" \t\n()'!", p->s[p->pos + n]) != NULL;
}

static char *value(struct parser *p)
{
    skip_ws(p);
    if (p->s[p->pos] != '\'')
        return word(p);
    p->pos++;
    size_t cap = strlen(p->s + p->pos) + 1, n = 0;
    char *v = malloc(cap);
    if (v == NULL)
        return NULL;
    for (;;) {
        char c = p->s[p->pos];
        if (c == '\0') {
            free(v);
            fail(p, "unterminated quoted value");
            return NULL;
        }
        p->pos++;
        if (c == '\\' && p->s[p->pos] == '\'') { /* \' as pango's audit-comment query writes it */
            v[n++] = '\'';
            p->pos++;
            continue;
        }
        if (c == '\'')
            break;
        v[n++] = c;
    }
    v[n] = '\0';
    return v;
}

/* Filter field names -> element names (demisto/content Panorama.py; pango; pan-python #41);
 * names used as they are are listed too. */
static const struct {
    const char *alias, *field;
} aliases[] = {
    {"addr.src", "src"},       {"addr.dst", "dst"},          {"addr", "addr"},
    {"port.src", "sport"},     {"port.dst", "dport"},        {"zone.src", "from"},
    {"zone.dst", "to"},        {"user.src", "srcuser"},      {"user.dst", "dstuser"},
    {"description", "opaque"},
};
static const char *const fields[] = {
    "src", "dst", "natsrc", "natdst", "sport", "dport", "natsport", "natdport", "from", "to",
    "srcuser", "dstuser", "app", "rule", "action", "proto", "subtype", "severity", "category",
    "url", "filedigest", "misc", "vsys", "receive_time", "time_generated", "seqno", "eventid",
    "module", "opaque", "object", "path", "cmd", "admin", "result", "client", "host", "type",
    "sessionid", "threatid", "tid", "thr_category", "direction", "inbound_if", "outbound_if",
    "bytes", "bytes_sent", "bytes_received", "packets", "elapsed", "session_end_reason",
    "device_name", "serial", "repeatcnt", "rule_uuid", "flags", "dport", "dstloc", "srcloc",
    "pcap_id", "contentver", "logset", "start", "action_source", "vsys_id"};

static const char *canonical(const char *name)
{
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (strcmp(name, aliases[i].alias) == 0)
            return aliases[i].field;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (strcmp(name, fields[i]) == 0)
            return fields[i];
    return NULL;
}

static int is_addr_field(const char *f)
{
    return strcmp(f, "src") == 0 || strcmp(f, "dst") == 0 || strcmp(f, "addr") == 0 ||
           strcmp(f, "natsrc") == 0 || strcmp(f, "natdst") == 0;
}

static int is_time_field(const char *f)
{
    return strcmp(f, "receive_time") == 0 || strcmp(f, "time_generated") == 0 ||
           strcmp(f, "start") == 0;
}

static int parse_cidr(struct node *n)
{
    char host[64];
    const char *slash = strchr(n->value, '/');
    size_t len = slash ? (size_t)(slash - n->value) : strlen(n->value);
    if (len == 0 || len >= sizeof(host))
        return -1;
    memcpy(host, n->value, len);
    host[len] = '\0';
    n->family = strchr(host, ':') ? AF_INET6 : AF_INET;
    if (inet_pton(n->family, host, n->net) != 1)
        return -1;
    int max = n->family == AF_INET ? 32 : 128;
    n->plen = max;
    if (slash != NULL) {
        char *end;
        long v = strtol(slash + 1, &end, 10);
        if (slash[1] == '\0' || *end != '\0' || v < 0 || v > max)
            return -1;
        n->plen = (int)v;
    }
    n->is_cidr = 1;
    return 0;
}

/* "last-24-hrs" and friends: the receive_time periods third-party log tools send (also the
 * period= values of PAN-OS reports). */
static long long period_ms(const char *v)
{
    static const struct {
        const char *name;
        long long ms;
    } periods[] = {{"last-60-seconds", 60000LL},      {"last-15-minutes", 900000LL},
                   {"last-hour", 3600000LL},          {"last-6-hrs", 21600000LL},
                   {"last-12-hrs", 43200000LL},       {"last-24-hrs", 86400000LL},
                   {"last-7-days", 604800000LL},      {"last-30-days", 2592000000LL},
                   {"last-calendar-day", 86400000LL}, {"last-calendar-week", 604800000LL}};
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
        if (strcmp(v, periods[i].name) == 0)
            return periods[i].ms;
    return -1;
}

static int valid_time(const char *v)
{
    int y, mo, d, h, mi, s;
    char tail;
    return sscanf(v, "%4d/%2d/%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) == 6 &&
           mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 &&
           s >= 0 && s <= 60;
}

static void node_free(struct node *n)
{
    if (n == NULL)
        return;
    node_free(n->a);
    node_free(n->b);
    free(n->value);
    free(n);
}

static struct node *expr(struct parser *p);

static struct node *term(struct parser *p)
{
    size_t at = p->pos;
    char *name = word(p);
    if (name == NULL) {
        fail(p, "expected a field name");
        return NULL;
    }
    const char *field = canonical(name);
    if (field == NULL) {
        p->pos = at;
        char msg[128];
        snprintf(msg, sizeof(msg), "unknown field '%.40s'", name);
        free(name);
        skip_ws(p);
        fail(p, msg);
        return NULL;
    }
    free(name);
    static const char *const ops[] = {"eq", "neq", "in", "notin", "geq", "leq", "contains"};
    char *opw = word(p);
    int op = -1;
    for (int i = 0; opw != NULL && i < 7; i++)
        if (strcmp(opw, ops[i]) == 0)
            op = i;
    free(opw);
    if (op < 0) {
        fail(p, "expected an operator (eq, neq, in, notin, geq, leq, contains)");
        return NULL;
    }
    char *v = value(p);
    if (v == NULL) {
        fail(p, "expected a value");
        return NULL;
    }
    struct node *n = calloc(1, sizeof(*n));
    if (n == NULL) {
        free(v);
        fail(p, "out of memory");
        return NULL;
    }
    n->kind = K_TERM;
    n->op = (enum op)op;
    n->field = field;
    n->value = v;
    if ((n->op == OP_IN || n->op == OP_NOTIN) && is_time_field(field)) {
        n->period_ms = period_ms(v);
        n->is_period = 1;
        if (n->period_ms < 0)
            fail(p, "unknown time period (use last-15-minutes, last-hour, last-24-hrs, ...)");
    } else if ((n->op == OP_IN || n->op == OP_NOTIN) && is_addr_field(field)) {
        if (parse_cidr(n) != 0)
            fail(p, "bad IP address or CIDR");
    } else if ((n->op == OP_GEQ || n->op == OP_LEQ) && is_time_field(field) && !valid_time(v)) {
        fail(p, "bad time (expected 'YYYY/MM/DD HH:MM:SS')");
    }
    return n;
}

static struct node *join(enum kind k, struct node *a, struct node *b)
{
    struct node *n = calloc(1, sizeof(*n));
    if (n == NULL) {
        node_free(a);
        node_free(b);
        return NULL;
    }
    n->kind = k;
    n->a = a;
    n->b = b;
    return n;
}

static struct node *unary(struct parser *p);

/* A negation or a group opened by the @p width bytes at the position: one level deeper, refused
 * (at that position) past FILTER_MAX_DEPTH. */
static struct node *nested(struct parser *p, int is_group, size_t width)
{
    if (p->depth >= FILTER_MAX_DEPTH) {
        char msg[96];
        snprintf(msg, sizeof(msg), "more than %d nested parentheses and negations",
                 FILTER_MAX_DEPTH);
        fail(p, msg);
        return NULL;
    }
    p->pos += width;
    p->depth++;
    struct node *n = is_group ? expr(p) : unary(p);
    p->depth--;
    if (n == NULL || !is_group)
        return n ? join(K_NOT, n, NULL) : NULL;
    skip_ws(p);
    if (p->s[p->pos] != ')') {
        fail(p, "missing ')'");
        node_free(n);
        return NULL;
    }
    p->pos++;
    return n;
}

static struct node *unary(struct parser *p)
{
    skip_ws(p);
    if (p->s[p->pos] == '!')
        return nested(p, 0, 1);
    if (peek_word(p, "not"))
        return nested(p, 0, 3);
    if (p->s[p->pos] == '(')
        return nested(p, 1, 1);
    return term(p);
}

static struct node *andexpr(struct parser *p)
{
    struct node *a = unary(p);
    while (a != NULL && !p->failed && peek_word(p, "and")) {
        p->pos += 3;
        struct node *b = unary(p);
        a = b ? join(K_AND, a, b) : (node_free(a), NULL);
    }
    return a;
}

static struct node *expr(struct parser *p)
{
    struct node *a = andexpr(p);
    while (a != NULL && !p->failed && peek_word(p, "or")) {
        p->pos += 2;
        struct node *b = andexpr(p);
        a = b ? join(K_OR, a, b) : (node_free(a), NULL);
    }
    return a;
}

int sim_filter_parse(struct sim_filter **out, const char *query, char *err, size_t errlen)
{
    *out = NULL;
    struct parser p = {query, 0, err, errlen, 0, 0};
    if (strlen(query) > FILTER_MAX_LEN) {
        snprintf(err, errlen, "the query is longer than %d characters", FILTER_MAX_LEN);
        return -1;
    }
    skip_ws(&p);
    if (query[p.pos] == '\0')
        return 0; /* an empty query matches everything */
    struct node *root = expr(&p);
    skip_ws(&p);
    if (!p.failed && root != NULL && query[p.pos] != '\0')
        fail(&p, query[p.pos] == ')' ? "unbalanced ')'" : "expected 'and' or 'or'");
    if (p.failed || root == NULL) {
        if (!p.failed)
            fail(&p, "malformed filter");
        node_free(root);
        return -1;
    }
    struct sim_filter *f = calloc(1, sizeof(*f));
    if (f == NULL) {
        node_free(root);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    f->root = root;
    *out = f;
    return 0;
}

void sim_filter_free(struct sim_filter *f)
{
    if (f == NULL)
        return;
    node_free(f->root);
    free(f);
}

static int in_net(const struct node *n, const char *addr)
{
    unsigned char a[16];
    if (addr == NULL || inet_pton(n->family, addr, a) != 1)
        return 0;
    int full = n->plen / 8, rest = n->plen % 8;
    if (memcmp(a, n->net, (size_t)full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (a[full] & mask) == (n->net[full] & mask);
}

static int severity_rank(const char *s)
{
    static const char *const order[] = {"informational", "low", "medium", "high", "critical"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, order[i]) == 0)
            return i;
    return -1;
}

static int is_number(const char *s, unsigned long long *out)
{
    if (*s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return *end == '\0' && errno == 0;
}

static int compare(const char *field, const char *a, const char *b)
{
    unsigned long long x, y;
    if (strcmp(field, "severity") == 0 && severity_rank(a) >= 0 && severity_rank(b) >= 0)
        return severity_rank(a) - severity_rank(b);
    if (is_number(a, &x) && is_number(b, &y))
        return x < y ? -1 : x > y;
    return strcmp(a, b);
}

static int term_match(const struct node *n, const struct sim_logentry *e, long long now_ms)
{
    if (strcmp(n->field, "addr") == 0) {
        /* Either side: "in" matches if one side is in, "notin" if neither is. */
        struct node side = *n;
        side.field = "src";
        int s = term_match(&side, e, now_ms);
        side.field = "dst";
        int d = term_match(&side, e, now_ms);
        return n->op == OP_NOTIN || n->op == OP_NEQ ? s && d : s || d;
    }
    const char *v = sim_logentry_get(e, n->field);
    if (n->is_period) {
        int in = e->time_ms >= now_ms - n->period_ms;
        return n->op == OP_IN ? in : !in;
    }
    switch (n->op) {
    case OP_IN:
        return n->is_cidr ? in_net(n, v) : v != NULL && strcmp(v, n->value) == 0;
    case OP_NOTIN:
        return n->is_cidr ? !in_net(n, v) : v == NULL || strcmp(v, n->value) != 0;
    case OP_EQ:
        return v != NULL && compare(n->field, v, n->value) == 0;
    case OP_NEQ:
        return v == NULL || compare(n->field, v, n->value) != 0;
    case OP_GEQ:
        return v != NULL && compare(n->field, v, n->value) >= 0;
    case OP_LEQ:
        return v != NULL && compare(n->field, v, n->value) <= 0;
    case OP_CONTAINS:
        return v != NULL && strstr(v, n->value) != NULL;
    }
    return 0;
}

static int eval(const struct node *n, const struct sim_logentry *e, long long now_ms)
{
    switch (n->kind) {
    case K_TERM:
        return term_match(n, e, now_ms);
    case K_AND:
        return eval(n->a, e, now_ms) && eval(n->b, e, now_ms);
    case K_OR:
        return eval(n->a, e, now_ms) || eval(n->b, e, now_ms);
    case K_NOT:
        return !eval(n->a, e, now_ms);
    }
    return 0;
}

int sim_filter_match(const struct sim_filter *f, const struct sim_logentry *e, long long now_ms)
{
    return f == NULL || eval(f->root, e, now_ms);
}

static void bounds(const struct node *n, unsigned long long *lo, unsigned long long *hi)
{
    if (n->kind == K_AND) {
        bounds(n->a, lo, hi);
        bounds(n->b, lo, hi);
        return;
    }
    unsigned long long v;
    if (n->kind != K_TERM || strcmp(n->field, "seqno") != 0 || !is_number(n->value, &v))
        return;
    if ((n->op == OP_GEQ || n->op == OP_EQ) && v > *lo)
        *lo = v;
    if ((n->op == OP_LEQ || n->op == OP_EQ) && v < *hi)
        *hi = v;
}

void sim_filter_seqno_bounds(const struct sim_filter *f, unsigned long long *lo,
                             unsigned long long *hi)
{
    *lo = 1;
    *hi = ULLONG_MAX;
    if (f != NULL)
        bounds(f->root, lo, hi);
}
