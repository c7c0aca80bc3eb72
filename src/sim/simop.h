/* SPDX-License-Identifier: MIT */
/* simop.h -- pansim's op command table: row and handler types, helpers handlers share. */
#ifndef PANSIM_SIMOP_H
#define PANSIM_SIMOP_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <libxml/tree.h>
#include "simstate.h"
#include "simworld.h"

/*
 * How a command takes its argument, as PAN-OS's XML for the CLI words has it
 * (pan-python issue #24, pan-os-python issue #515 (code 17); pango v0.9.0 licen_test.go (text)):
 *   SIM_OPARG_NONE      a leaf: <show><clock/></show>; any child element is invalid.
 *   SIM_OPARG_TEXT      the text of the last word: <show><interface>all</interface></show>.
 *   SIM_OPARG_NAME      the name attribute: <show><arp><entry name='all'/></arp></show>.
 *   SIM_OPARG_KEYWORDS  child elements the handler reads itself from op->el
 *                       (<test><security-policy-match><from>trust</from>...).
 */
enum sim_oparg { SIM_OPARG_NONE, SIM_OPARG_TEXT, SIM_OPARG_NAME, SIM_OPARG_KEYWORDS };

/* The path walked so far, as the CLI parser names it in errors: "show -> jobs -> id". */
#define SIM_OP_MAXDEPTH 8
struct sim_oppath {
    const char *names[SIM_OP_MAXDEPTH];
    size_t n;
};

/* One op request being answered; handlers read the first group and write to f. */
struct sim_op {
    const struct sim_state *st;
    const struct sim_oppath *path; /* the command's words, for error messages */
    const char *arg;               /* SIM_OPARG_TEXT (trimmed) or _NAME value; NULL otherwise */
    xmlNode *el;                   /* the command's own element (its children for _KEYWORDS) */
    long long now;                 /* epoch seconds, read once per request */
    FILE *f;                       /* the body of <result>, when the handler returns SIM_OP_OK */
    struct sim_reply *out;         /* where error helpers put a whole other answer */
};

/* What a handler returns: SIM_OP_OK wraps what it wrote to op->f as
 * <response status="success"><result>...</result></response> (an empty body is written
 * <result/>, as PAN-OS writes an empty list); SIM_OP_REPLIED means a helper below already
 * filled op->out (an error), and what was written to op->f is dropped. */
enum sim_opstatus { SIM_OP_OK = 0, SIM_OP_REPLIED = 1 };

typedef enum sim_opstatus sim_op_fn(struct sim_op *op);

/* A row of the command table: the CLI words (= the XML elements), the argument form, the
 * handler. Each family file (simop_<family>.c) has one table ending with a {NULL} row. */
struct sim_opcmd {
    const char *words; /* "show system info" */
    enum sim_oparg arg;
    sim_op_fn *fn;
};

extern const struct sim_opcmd sim_op_system_cmds[];
extern const struct sim_opcmd sim_op_network_cmds[];
extern const struct sim_opcmd sim_op_sessions_cmds[];
extern const struct sim_opcmd sim_op_jobs_cmds[];
extern const struct sim_opcmd sim_op_licences_cmds[];
extern const struct sim_opcmd sim_op_users_cmds[];
extern const struct sim_opcmd sim_op_config_cmds[];
extern const struct sim_opcmd sim_op_policy_cmds[];
extern const struct sim_opcmd sim_op_counters_cmds[];
extern const struct sim_opcmd sim_op_monitor_cmds[];
extern const struct sim_opcmd sim_op_routing_cmds[];

/* ---- errors (yaklin.ca "Palo Alto PANOS API Authentication" (PAN-OS 10.2); pango v0.9.0 errors
 * test): each fills op->out and returns SIM_OP_REPLIED ---- */

/* Code 17: " show -> jobs -> id x is invalid"; @p value: @p bad is an argument (a plain space
 * before it), not an element (" -> "). */
enum sim_opstatus sim_op_err_invalid(struct sim_op *op, const char *bad, int value);
/* Code 17 for a bad value of keyword argument @p keyword: " test -> security-policy-match ->
 * source 300.1.1.1 is invalid". */
enum sim_opstatus sim_op_err_invalid_arg(struct sim_op *op, const char *keyword, const char *bad);
/* Code 17 for a command that stops early: "  is unexpected" after each level. */
enum sim_opstatus sim_op_err_incomplete(struct sim_op *op);
/* status="error" code=@p code with one plain-text <line> (code 7 "job 19 not found"). */
enum sim_opstatus sim_op_err_line(struct sim_op *op, int code, const char *line);
/* HTTP 501 text/plain "pansim does not simulate the op command '...' yet": a command PAN-OS
 * answers (so not code 17) that pansim does not. Usable as a row's handler. */
enum sim_opstatus sim_op_not_simulated(struct sim_op *op);
/* HTTP 500 "out of memory". */
enum sim_opstatus sim_op_fail(struct sim_op *op);

/* How many of the device's own jobs (auto-commit, WildFire updates) exist at @p now. */
long long sim_op_jobs_newest(const struct sim_state *st, long long now);

/* ---- shared output helpers ---- */

int sim_op_is_vm(const struct sim_state *st);
/* What differs between the models pansim plays (--model), from their datasheets: maximum
 * sessions, management memory as top reports it, dataplane cores, fans and power supplies. */
struct sim_op_model {
    const char *name;
    unsigned long long num_max; /* show session info num-max */
    double mem_mib;             /* show system resources "MiB Mem" total */
    unsigned dp_cores;          /* show running resource-monitor cores */
    int chassis_sensors;        /* fan tray, fans and power supplies (not a VM, not fanless) */
};
/* The model of @p st (PA-VM when unknown). */
const struct sim_op_model *sim_op_model_of(const struct sim_state *st);
/* The release as major * 100 + minor: 1001, 1002, 1101 (from sw_version). */
int sim_op_release(const struct sim_state *st);
/* The dataplane's name in op answers (show arp, show counter global, resource monitor). */
const char *sim_op_dp_name(const struct sim_state *st);
/* How many data processors the model has, and the name of the @p i-th (from 0). */
unsigned sim_op_dp_count(const struct sim_state *st);
void sim_op_dp_name_at(const struct sim_state *st, unsigned i, char *buf, size_t len);
long long sim_op_uptime(const struct sim_state *st, long long now);
/* <name>escaped value</name> */
void sim_op_put_el(FILE *f, const char *name, const char *value);
void sim_op_put_ull(FILE *f, const char *name, unsigned long long v);
/* "Wed Apr 30 15:14:34 2025" (asctime layout, day padded with a space). */
void sim_op_put_asctime(FILE *f, long long t);
/* "2023/08/07 04:00:40", the job timestamp layout. */
void sim_op_put_jobtime(FILE *f, long long t);
/* The UTC broken-down time of @p t. */
void sim_op_utc(long long t, struct tm *out);

extern const char *const sim_op_wdays[7];
extern const char *const sim_op_mons[12];

#endif
