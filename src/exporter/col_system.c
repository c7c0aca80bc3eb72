/* SPDX-License-Identifier: MIT */
/* col_system.c -- show system info (identity, uptime, content) and show system resources (top). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"

/* Content packages of show system info: element prefix and type label. */
static const struct {
    const char *el;
    const char *type;
} contents[] = {{"app", "app"},
                {"av", "antivirus"},
                {"threat", "threat"},
                {"wildfire", "wildfire"},
                {"device-dictionary", "device_dictionary"},
                {"global-protect-datafile", "globalprotect_datafile"}};

static void put_content(struct exp_metrics *out, const panos_node *sys)
{
    char el[64], ver[128], date[128];
    double t;
    for (size_t i = 0; i < sizeof(contents) / sizeof(contents[0]); i++) {
        snprintf(el, sizeof(el), "%s-version", contents[i].el);
        if (exp_text(sys, el, ver, sizeof(ver)) != 0 || ver[0] == '\0' ||
            strcmp(ver, "unknown") == 0)
            continue;
        exp_metric_add(out, "panos_content_info", 1, "type", contents[i].type, "version", ver,
                       NULL);
        snprintf(el, sizeof(el), "%s-release-date", contents[i].el);
        if (exp_text(sys, el, date, sizeof(date)) == 0 && exp_time_content(date, &t) == 0)
            exp_metric_add(out, "panos_content_release_timestamp_seconds", t, "type",
                           contents[i].type, NULL);
    }
    if (exp_text(sys, "url-filtering-version", ver, sizeof(ver)) == 0 && ver[0])
        exp_metric_add(out, "panos_content_info", 1, "type", "url_filtering", "version", ver, NULL);
}

/* show system info: <result><system>...; Centreon #3245: <time> holds a newline (not used). */
int exp_parse_system_info(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    const panos_node *sys = panos_node_child(r, "system");
    char host[256], model[64], serial[64], ver[64], family[64], mode[32], buf[128];
    if (sys == NULL || exp_text(sys, "sw-version", ver, sizeof(ver)) != 0)
        return -1;
    exp_text(sys, "hostname", host, sizeof(host));
    exp_text(sys, "model", model, sizeof(model));
    exp_text(sys, "serial", serial, sizeof(serial));
    exp_text(sys, "family", family, sizeof(family));
    exp_text(sys, "operational-mode", mode, sizeof(mode));
    exp_metric_add(out, "panos_system_info", 1, "hostname", host, "model", model, "serial", serial,
                   "sw_version", ver, "family", family, "operational_mode", mode, NULL);
    double up;
    if (exp_text(sys, "uptime", buf, sizeof(buf)) == 0 && exp_uptime(buf, &up) == 0)
        exp_metric_add(out, "panos_uptime_seconds", up, NULL);
    c->advanced_routing =
        exp_text(sys, "advanced-routing", buf, sizeof(buf)) == 0 && exp_bool(buf) == 1;
    if (c->collectors & EXP_C_CONTENT)
        put_content(out, sys);
    return 0;
}

/* "load average: 0.26, 0.18, 0.19" on top's first line. */
static void put_load(struct exp_metrics *out, const char *text)
{
    const char *p = strstr(text, "load average:");
    double l1, l5, l15;
    if (p && sscanf(p, "load average: %lf, %lf, %lf", &l1, &l5, &l15) == 3) {
        exp_metric_add(out, "panos_mgmt_load1", l1, NULL);
        exp_metric_add(out, "panos_mgmt_load5", l5, NULL);
        exp_metric_add(out, "panos_mgmt_load15", l15, NULL);
    }
}

/* Call @p fn with each "NUMBER[suffix] word" pair after the colon of @p line, the suffix being
 * '%', 'k' or 'M' (0 when none); returns how many pairs @p fn took. */
typedef int (*pair_fn)(struct exp_metrics *out, double v, char suffix, const char *word,
                       double unit);

static int each_pair(struct exp_metrics *out, const char *line, pair_fn fn, double unit)
{
    const char *p = strchr(line, ':');
    int n = 0;
    while (p && *p) {
        char *end;
        double v = strtod(p + 1, &end);
        if (end == p + 1)
            break;
        char suffix = strchr("%kM", *end) && *end ? *end++ : 0;
        while (*end == ' ')
            end++;
        n += fn(out, v, suffix, end, unit);
        p = strchr(end, ',');
    }
    return n;
}

/* "%Cpu(s):  0.2 us,  0.4 sy, ..." (procps-ng, PAN-OS 9.0 on) or "Cpu(s):  1.4%us, ..."
 * (older procps, PAN-OS 8.x and before; jenningsloy318/panos_exporter #3). */
static int cpu_pair(struct exp_metrics *out, double v, char suffix, const char *word, double unit)
{
    (void)suffix;
    (void)unit;
    static const struct {
        const char *tag;
        const char *mode;
    } modes[] = {{"us", "user"},   {"sy", "system"}, {"ni", "nice"},    {"id", "idle"},
                 {"wa", "iowait"}, {"hi", "irq"},    {"si", "softirq"}, {"st", "steal"}};
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
        if (strncmp(word, modes[i].tag, 2) == 0) {
            exp_metric_add(out, "panos_mgmt_cpu_ratio", v / 100, "mode", modes[i].mode, NULL);
            return 1;
        }
    return 0;
}

/* "MiB Mem :  63739.8 total,  46728.6 free, ..." / "KiB Mem : ..." (procps-ng) or
 * "Mem:   4119516k total,  3803432k used, ..." (older). */
static int mem_pair(struct exp_metrics *out, double v, char suffix, const char *word, double unit)
{
    static const struct {
        const char *word, *state;
    } states[] = {{"total", "total"},
                  {"free", "free"},
                  {"used", "used"},
                  {"buff/cache", "buff_cache"},
                  {"buffers", "buffers"}};
    double mul = suffix == 'k' ? 1024 : suffix == 'M' ? 1024.0 * 1024 : unit;
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
        if (strncmp(word, states[i].word, strlen(states[i].word)) == 0) {
            exp_metric_add(out, "panos_mgmt_memory_bytes", v * mul, "state", states[i].state, NULL);
            return 1;
        }
    return 0;
}

static int put_mem(struct exp_metrics *out, const char *line)
{
    double unit = 1024;
    if (strncmp(line, "MiB", 3) == 0)
        unit = 1024.0 * 1024;
    else if (strncmp(line, "GiB", 3) == 0)
        unit = 1024.0 * 1024 * 1024;
    return each_pair(out, line, mem_pair, unit) > 0 ? 0 : -1;
}

/* show system resources: top -b -n1 as text (often CDATA) in <result>. */
int exp_parse_resources(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    panos_buf b = {NULL, 0};
    panos_code tc = panos_node_text(&b, r);
    if (tc == PANOS_E_NOMEM)
        exp_parse_oom();
    if (tc != PANOS_OK || b.ptr == NULL)
        return -1;
    int cpu = -1, mem = -1;
    put_load(out, b.ptr);
    for (char *line = b.ptr; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        while (*line == ' ')
            line++;
        if (strncmp(line, "%Cpu(s)", 7) == 0 || strncmp(line, "Cpu(s)", 6) == 0)
            cpu = each_pair(out, line, cpu_pair, 1) > 0 ? 0 : -1;
        else if (strstr(line, "Mem") != NULL && strstr(line, "total") != NULL &&
                 strstr(line, "Swap") == NULL && strncmp(line, "Swap", 4) != 0 && mem != 0)
            mem = put_mem(out, line);
        line = nl ? nl + 1 : NULL;
    }
    panos_buf_dispose(&b);
    return cpu == 0 || mem == 0 ? 0 : -1;
}
