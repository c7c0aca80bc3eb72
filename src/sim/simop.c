/* SPDX-License-Identifier: MIT */
/* simop.c -- pansim's type=op dispatcher: walks cmd= down the command table, owns the envelope. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "simop.h"

/*
 * The command tree is the union of the family tables, one per simop_<family>.c. A row's words
 * are the path of XML elements PAN-OS expects (pan-python issue #24, pan-os-python issue #515 (code
 * 17); pango v0.9.0 licen_test.go (text)): "show system info" is
 * <show><system><info/></system></show>. Every proper prefix of a row ("show", "show system")
 * is an inner node of the tree; the row itself is the command. The table of families is below,
 * after the commands pansim knows but does not simulate. See docs/internals/pansim-op.md.
 */

/* ---- shared helpers ---- */

const char *const sim_op_wdays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char *const sim_op_mons[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int sim_op_is_vm(const struct sim_state *st)
{
    return st->model != NULL && strstr(st->model, "VM") != NULL;
}

const struct sim_op_model *sim_op_model_of(const struct sim_state *st)
{
    /* PA-VM: a VM-100 with 16 GB; PA-440: fanless desktop, 4 GB; PA-3220: 1U, 16 GB;
     * PA-5450: chassis, 64 GB management card (the 63739.8 MiB of pan-os-python #166, pan-python
     * #32 transcripts; pan-os-upgrade-assurance 2.1.1 fixture). */
    static const struct sim_op_model models[] = {
        {"PA-VM", 256000, 15995.4, 2, 0},
        {"PA-440", 64000, 3859.6, 4, 0},
        {"PA-3220", 1000000, 15890.2, 12, 1},
        {"PA-5450", 48000000, 63739.8, 24, 1},
        /* PA-5220: 4M sessions, two data processors named s1dp0 and s1dp1 (senses0/palo-alto-
         * grafana-monitoring PR #2; jenningsloy318/panos_exporter #16) [U: memory, cores]. */
        {"PA-5220", 4000000, 15890.2, 12, 1},
    };
    for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
        if (st->model != NULL && strcmp(st->model, models[i].name) == 0)
            return &models[i];
    return &models[0];
}

int sim_op_release(const struct sim_state *st)
{
    const char *v = st->sw_version != NULL ? st->sw_version : "10.2.11";
    char *end;
    long major = strtol(v, &end, 10);
    long minor = *end == '.' ? strtol(end + 1, NULL, 10) : 0;
    return (int)(major * 100 + minor);
}

/* The PA-5200 series names its data processors after the slot, s1dp0 and up (senses0/palo-alto-
 * grafana-monitoring PR #2); the others have one, dp0 (the PA-5450 too: the same PR). */
static int slotted(const struct sim_state *st)
{
    return st->model != NULL && strncmp(st->model, "PA-52", 5) == 0;
}

const char *sim_op_dp_name(const struct sim_state *st)
{
    return slotted(st) ? "s1dp0" : "dp0";
}

unsigned sim_op_dp_count(const struct sim_state *st)
{
    return slotted(st) ? 2 : 1;
}

void sim_op_dp_name_at(const struct sim_state *st, unsigned i, char *buf, size_t len)
{
    snprintf(buf, len, "%sdp%u", slotted(st) ? "s1" : "", i);
}

long long sim_op_uptime(const struct sim_state *st, long long now)
{
    return now > st->boot_time ? now - st->boot_time : 0;
}

void sim_op_put_el(FILE *f, const char *name, const char *value)
{
    fprintf(f, "<%s>", name);
    sim_xml_escape(f, value, 1);
    fprintf(f, "</%s>", name);
}

void sim_op_put_ull(FILE *f, const char *name, unsigned long long v)
{
    fprintf(f, "<%s>%llu</%s>", name, v, name);
}

void sim_op_utc(long long t, struct tm *out)
{
    time_t tt = (time_t)t;
    memset(out, 0, sizeof(*out));
    gmtime_r(&tt, out);
}

void sim_op_put_asctime(FILE *f, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "%s %s %2d %02d:%02d:%02d %d", sim_op_wdays[tm.tm_wday % 7],
            sim_op_mons[tm.tm_mon % 12], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
            tm.tm_year + 1900);
}

void sim_op_put_jobtime(FILE *f, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "%d/%02d/%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- errors (PAN-OS XML API guide, "PAN-OS XML API Error Codes") ---- */

static void reply_body(struct sim_reply *out, char *body)
{
    if (body == NULL || sim_reply_set(out, 200, body) != 0)
        sim_reply_set(out, 500, "out of memory");
    free(body);
}

/* An error with its message as <line> elements (pan-python 0.26.0 lib/pan/xapi.py; pango
 * errors/panos.go); CDATA lines as the CLI parser writes them (code 17, pan-python #24), plain
 * text otherwise (job not found, netbox-panorama-configpump-plugin fixtures). */
static char *error_body(int code, const char *const *lines, size_t n, int cdata)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    fprintf(f, "<response status=\"error\" code=\"%d\"><msg>", code);
    for (size_t i = 0; i < n; i++) {
        fputs("<line>", f);
        if (cdata && strstr(lines[i], "]]>") == NULL) /* an argument could end CDATA early */
            fprintf(f, "<![CDATA[%s]]>", lines[i]);
        else
            sim_xml_escape(f, lines[i], 1);
        fputs("</line>", f);
    }
    fputs("</msg></response>", f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void put_path(FILE *f, const struct sim_oppath *p, size_t upto)
{
    for (size_t i = 0; i < upto; i++)
        fprintf(f, "%s%s", i ? " -> " : "", p->names[i]);
}

/*
 * Code 17 (PAN-OS XML API guide, "PAN-OS XML API Error Codes"): an element the grammar does not
 * know at this point. PAN-OS names the whole path and the offender,
 * " show -> session -> all -> filter -> from is invalid" (pan-os-ansible #600, pan-os-python
 * #229 and #352; the leading space is PAN-OS's). A bad argument @p value follows its keyword
 * with a plain space (an extrapolation: not captured).
 */
static void err_invalid(struct sim_reply *out, const struct sim_oppath *p, const char *bad,
                        int value)
{
    char *line = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (f == NULL) {
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    fputc(' ', f);
    put_path(f, p, p->n);
    fprintf(f, "%s%s is invalid", p->n == 0 ? "" : value ? " " : " -> ", bad);
    if (fclose(f) != 0) {
        free(line);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    const char *lines[1] = {line};
    reply_body(out, error_body(17, lines, 1, 1));
    free(line);
}

/*
 * Code 17 for a command that stops early (missing argument or keyword): PAN-OS
 * reports the empty token after each level, innermost first, as in pan-os-python #515:
 * " commit-all -> template  is unexpected" / " commit-all  is unexpected". With an empty
 * path this is the "  is unexpected" of pan-python #24, which is also what PAN-OS answers when
 * cmd is not XML at all.
 */
static void err_incomplete(struct sim_reply *out, const struct sim_oppath *p)
{
    char *lines_buf[SIM_OP_MAXDEPTH + 1];
    const char *lines[SIM_OP_MAXDEPTH + 1];
    size_t n = 0;
    size_t k = p->n;
    do {
        char *line = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&line, &len);
        if (f == NULL)
            break;
        if (k > 0)
            fputc(' ', f);
        put_path(f, p, k);
        fputs("  is unexpected", f);
        if (fclose(f) != 0) {
            free(line);
            break;
        }
        lines_buf[n] = line;
        lines[n] = line;
        n++;
    } while (k-- > 1);
    if (n == 0)
        sim_reply_set(out, 500, "out of memory");
    else
        reply_body(out, error_body(17, lines, n, 1));
    for (size_t i = 0; i < n; i++)
        free(lines_buf[i]);
}

enum sim_opstatus sim_op_err_invalid(struct sim_op *op, const char *bad, int value)
{
    err_invalid(op->out, op->path, bad, value);
    return SIM_OP_REPLIED;
}

enum sim_opstatus sim_op_err_invalid_arg(struct sim_op *op, const char *keyword, const char *bad)
{
    struct sim_oppath p = *op->path;
    if (p.n < SIM_OP_MAXDEPTH)
        p.names[p.n++] = keyword;
    err_invalid(op->out, &p, bad, 1);
    return SIM_OP_REPLIED;
}

enum sim_opstatus sim_op_err_incomplete(struct sim_op *op)
{
    err_incomplete(op->out, op->path);
    return SIM_OP_REPLIED;
}

enum sim_opstatus sim_op_err_line(struct sim_op *op, int code, const char *line)
{
    const char *lines[1] = {line};
    reply_body(op->out, error_body(code, lines, 1, 0));
    return SIM_OP_REPLIED;
}

static xmlNode *first_element(xmlNode *n)
{
    for (; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

/* HTTP 501: the firewall knows this command; pansim does not answer it (yet). */
enum sim_opstatus sim_op_not_simulated(struct sim_op *op)
{
    char *msg = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&msg, &len);
    if (f != NULL) {
        fputs("pansim does not simulate the op command '", f);
        for (size_t i = 0; i < op->path->n; i++)
            fprintf(f, "%s%s", i ? " " : "", op->path->names[i]);
        /* The words below the row too: "show counter global". */
        for (xmlNode *c = op->el != NULL ? first_element(op->el->children) : NULL; c != NULL;
             c = first_element(c->children))
            fprintf(f, " %s", (const char *)c->name);
        fputs("' yet\n", f);
    }
    if (f == NULL || fclose(f) != 0 || sim_reply_set(op->out, 501, msg) != 0)
        sim_reply_set(op->out, 500, "out of memory");
    else
        op->out->content_type = "text/plain";
    free(msg);
    return SIM_OP_REPLIED;
}

enum sim_opstatus sim_op_fail(struct sim_op *op)
{
    sim_reply_set(op->out, 500, "out of memory");
    return SIM_OP_REPLIED;
}

/*
 * Commands a PAN-OS 10.2 firewall answers that pansim does not simulate: each row takes its
 * whole subtree (SIM_OPARG_KEYWORDS), so "show counter interface ..." is HTTP 501, not the
 * code 17 of a command the firewall rejects; a longer row elsewhere ("show counter global")
 * takes its own words. From the op commands of the PAN-OS XML API
 * documentation's examples and of public captures of PAN-OS op answers (docs/sources.md).
 */
static const struct sim_opcmd unsimulated_cmds[] = {
    {"show counter", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show running", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show vpn", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show panorama-status", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show config-locks", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show commit-locks", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show mac", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show neighbor", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show object", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show advanced-routing", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show log", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show clock more", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show system software", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show system state", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show user group", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show user ip-user-mapping-mp", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show jobs processed", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show jobs pending", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"show dhcp server settings", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"check full-commit-required", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request system", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request content", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request config-lock", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request commit-lock", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request license fetch", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"request restart", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"load config", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {"validate", SIM_OPARG_KEYWORDS, sim_op_not_simulated},
    {NULL, SIM_OPARG_NONE, NULL},
};

static const struct sim_opcmd *const families[] = {
    sim_op_system_cmds,   sim_op_network_cmds, sim_op_sessions_cmds, sim_op_jobs_cmds,
    sim_op_users_cmds,    sim_op_config_cmds,  sim_op_policy_cmds,   sim_op_licences_cmds,
    sim_op_counters_cmds, sim_op_monitor_cmds, sim_op_routing_cmds,  unsimulated_cmds,
};

/* ---- the walk ---- */

/*
 * Find @p words in the table: the command row when it is one, else NULL with *inner set when
 * some row continues it (an inner node of the tree).
 */
static const struct sim_opcmd *lookup(const char *words, int *inner)
{
    size_t n = strlen(words);
    const struct sim_opcmd *found = NULL;
    *inner = 0;
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        for (const struct sim_opcmd *c = families[i]; c->words != NULL; c++) {
            if (strncmp(c->words, words, n) != 0)
                continue;
            if (c->words[n] == '\0' && found == NULL)
                found = c;
            if (c->words[n] == ' ')
                *inner = 1;
        }
    }
    return found;
}

/* 1 when @p words followed by @p child's name is a row or the prefix of one. */
static int continues(const char *words, const xmlNode *child)
{
    char longer[256];
    int inner = 0;
    int n = snprintf(longer, sizeof(longer), "%s %s", words, (const char *)child->name);
    if (n < 0 || (size_t)n >= sizeof(longer))
        return 0;
    return lookup(longer, &inner) != NULL || inner;
}

/* Trim ASCII whitespace in place (the CLI ignores it around an argument). */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Run the handler inside the one envelope every success answer has. */
static void answer(const struct sim_opcmd *c, struct sim_op *op)
{
    char *buf = NULL;
    size_t len = 0;
    op->f = open_memstream(&buf, &len);
    if (op->f == NULL) {
        sim_reply_set(op->out, 500, "out of memory");
        return;
    }
    enum sim_opstatus rc = c->fn(op);
    int bad = fclose(op->f) != 0;
    op->f = NULL;
    if (bad) {
        sim_reply_set(op->out, 500, "out of memory");
    } else if (rc == SIM_OP_OK) {
        static const char head[] = "<response status=\"success\"><result>";
        static const char tail[] = "</result></response>";
        size_t total = sizeof(head) - 1 + len + sizeof(tail);
        char *body = len == 0 ? NULL : malloc(total);
        if (len == 0) {
            sim_reply_set(op->out, 200, "<response status=\"success\"><result/></response>");
        } else if (body == NULL) {
            sim_reply_set(op->out, 500, "out of memory");
        } else {
            memcpy(body, head, sizeof(head) - 1);
            memcpy(body + sizeof(head) - 1, buf, len);
            memcpy(body + sizeof(head) - 1 + len, tail, sizeof(tail));
            reply_body(op->out, body);
        }
    }
    free(buf);
}

/* Walk the command document down the table and answer, or name what the CLI rejects. */
static void walk(const struct sim_state *st, xmlNode *el, struct sim_reply *out)
{
    struct sim_oppath p = {.n = 0};
    char words[256] = "";
    size_t wlen = 0;
    for (;;) {
        const char *name = (const char *)el->name;
        size_t nlen = strlen(name);
        int inner = 0;
        const struct sim_opcmd *c = NULL;
        if (p.n < SIM_OP_MAXDEPTH && wlen + 1 + nlen < sizeof(words)) {
            snprintf(words + wlen, sizeof(words) - wlen, "%s%s", wlen ? " " : "", name);
            c = lookup(words, &inner);
        }
        if (c == NULL && !inner) {
            err_invalid(out, &p, name, 0);
            return;
        }
        wlen = strlen(words);
        p.names[p.n++] = name;
        xmlNode *child = first_element(el->children);
        /* An inner node, or a leaf whose words go on in another row ("show clock more"), or a
         * row that takes a whole subtree (an unsimulated "show counter") when the child is a
         * longer row of its own ("show counter global"). */
        if (c == NULL || (inner && child != NULL &&
                          (c->arg == SIM_OPARG_NONE ||
                           (c->arg == SIM_OPARG_KEYWORDS && continues(words, child))))) {
            if (child == NULL) {
                err_incomplete(out, &p);
                return;
            }
            el = child;
            continue;
        }
        struct sim_op op = {.st = st, .path = &p, .el = el, .now = (long long)time(NULL),
                            .out = out};
        switch (c->arg) {
        case SIM_OPARG_NONE:
            if (child != NULL)
                err_invalid(out, &p, (const char *)child->name, 0);
            else
                answer(c, &op);
            return;
        case SIM_OPARG_KEYWORDS:
            answer(c, &op);
            return;
        case SIM_OPARG_TEXT: {
            if (child != NULL) {
                err_invalid(out, &p, (const char *)child->name, 0);
                return;
            }
            xmlChar *text = xmlNodeGetContent(el);
            char *arg = text != NULL ? trim((char *)text) : NULL;
            if (arg == NULL || arg[0] == '\0') {
                err_incomplete(out, &p);
            } else {
                op.arg = arg;
                answer(c, &op);
            }
            xmlFree(text);
            return;
        }
        case SIM_OPARG_NAME: {
            xmlChar *v = xmlGetProp(el, (const xmlChar *)"name");
            if (v == NULL || v[0] == '\0') {
                err_incomplete(out, &p);
            } else {
                op.arg = (const char *)v;
                answer(c, &op);
            }
            xmlFree(v);
            return;
        }
        }
        return;
    }
}

/* type=op (PAN-OS XML API guide, "Run Operational Mode Commands (API)"): parse cmd (no network,
 * no entities fetched) and answer it. */
void sim_op_handle(const struct sim_state *st, const char *cmd, struct sim_reply *out)
{
    if (cmd == NULL) {
        /* A missing parameter is refused by the web layer with HTTP 400 (pan-os-ansible 3.4.1
         * plugins/httpapi/panos.py; pango v0.9.0 errors/panos_test.go). */
        sim_reply_set(out, 400,
                      "<response status = 'error' code = '400'><result><msg>"
                      "Parameter &quot;cmd&quot; is required</msg></result></response>");
        return;
    }
    struct sim_oppath none = {.n = 0};
    size_t len = strlen(cmd);
    xmlDoc *doc = len > 0 && len <= 1048576
                      ? xmlReadMemory(cmd, (int)len, "cmd.xml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                      : NULL;
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    if (root == NULL)
        err_incomplete(out, &none); /* pan-python #24: cmd that is not XML → "  is unexpected" */
    else
        walk(st, root, out);
    xmlFreeDoc(doc);
}
