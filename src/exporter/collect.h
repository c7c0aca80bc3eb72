/* SPDX-License-Identifier: MIT */
/* collect.h -- the collectors: one parser per PAN-OS answer, from a <result> to samples. */
#ifndef EXP_COLLECT_H
#define EXP_COLLECT_H

#include <stddef.h>
#include <time.h>
#include <panos/node.h>
#include "metrics.h"

/* Collectors a module can name (config "collectors ="). */
enum {
    EXP_C_SYSTEM = 1u << 0,
    EXP_C_RESOURCES = 1u << 1,
    EXP_C_DATAPLANE = 1u << 2,
    EXP_C_SESSIONS = 1u << 3,
    EXP_C_INTERFACES = 1u << 4,
    EXP_C_HA = 1u << 5,
    EXP_C_CONTENT = 1u << 6,
    EXP_C_GP = 1u << 7,
    EXP_C_IPSEC = 1u << 8,
    EXP_C_BGP = 1u << 9,
    EXP_C_LICENSES = 1u << 10,
    EXP_C_CERTIFICATES = 1u << 11,
    EXP_C_ENVIRONMENT = 1u << 12,
    EXP_C_DISK = 1u << 13,
    EXP_C_ROUTES = 1u << 14,
    EXP_C_ALL = (1u << 15) - 1
};

/* What a parser may need beyond the answer, and what it reports back. */
struct exp_parse_ctx {
    unsigned collectors;   /* the module's collectors (system info emits content when set) */
    size_t max_interfaces; /* cardinality cap of the interfaces family */
    int advanced_routing;  /* out (system info): the device runs the advanced routing engine */
};

/* A parser: samples from one answer's <result> into @p out. 0, or -1 when the answer has
 * not the expected shape (the command then counts as failed, reason "parse"). */
typedef int (*exp_parse_fn)(struct exp_metrics *out, const panos_node *result,
                            struct exp_parse_ctx *ctx);

/* One API command of a collector. */
struct exp_cmd {
    const char *name;   /* label value of command="...", the CLI form */
    unsigned collector; /* EXP_C_* */
    int slow;           /* refreshed in the background, cached */
    int routing;        /* 1 legacy routing only, 2 advanced routing only, 0 either */
    const char *xml;    /* type=op cmd=; NULL for a config read */
    const char *xpath;  /* type=config action=get xpath= when xml is NULL */
    exp_parse_fn parse;
};

/* The table of commands, ended by a row with name NULL; [0] is show system info. */
extern const struct exp_cmd exp_cmds[];
size_t exp_cmd_count(void);

/* Parse a collectors list ("system resources ..."): the mask, or 0 naming the bad word in
 * @p bad. */
unsigned exp_collectors_parse(const char *list, char *bad, size_t badlen);

int exp_parse_system_info(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_resources(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_dataplane(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_sessions(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_interfaces(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_if_counters(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_ha(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_gp(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_vpn_flow(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_ipsec_sa(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_bgp_legacy(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_bgp_are(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_licenses(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_certificates(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_environment(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_disk(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_ha_all(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_ike_sa(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);
int exp_parse_routes(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c);

/* --- collect_util.c: helpers the parsers share --- */

/* The trimmed text of @p n's child @p name (or of @p n when name is NULL) into @p buf.
 * 0, or -1 when the child is absent (buf is then ""). */
int exp_text(const panos_node *n, const char *name, char *buf, size_t len);

/* A parser that lost samples because an allocation failed says so with exp_parse_oom(); the
 * probe takes the flag (of this thread) after each parse: the answer is then a 500, not a page
 * with families quietly missing. exp_parse_oom_take() returns it and clears it. */
void exp_parse_oom(void);
int exp_parse_oom_take(void);

/* A number from @p s (leading spaces allowed, trailing "%" allowed). 0 or -1. */
int exp_number(const char *s, double *v);

/* The child's text as a number. 0 or -1 (absent or not a number). */
int exp_child_number(const panos_node *n, const char *name, double *v);

/* yes/no, true/false, up/down, 1/0 (any case): 1 or 0; -1 for anything else. */
int exp_bool(const char *s);

/* "2025/04/28 16:06:06 MDT" (content release dates; a known zone abbreviation or none,
 * meaning UTC). 0 and the epoch seconds, -1 when unreadable or the zone is unknown. */
int exp_time_content(const char *s, double *t);

/* "December 31, 2023" (licences): the start of that day, UTC (the answer names no time or
 * zone). 0 or -1. */
int exp_time_license(const char *s, double *t);

/* "Oct 02 07:00:00 2011 GMT" (certificates). 0 or -1. */
int exp_time_cert(const char *s, double *t);

/* "65 days, 8:44:11" or "8:44:11" (system info uptime). 0 or -1. */
int exp_uptime(const char *s, double *t);

#endif
