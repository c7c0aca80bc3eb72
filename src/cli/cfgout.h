/* SPDX-License-Identifier: MIT */
/* cfgout.h -- writers of a streamed config answer (xml, json, text, set) in constant memory. */
#ifndef CLI_CFGOUT_H
#define CLI_CFGOUT_H

#include <stdio.h>
#include <panos/panos.h>
#include "output_sb.h"

enum cli_cfg_format { CLI_CFG_XML, CLI_CFG_JSON, CLI_CFG_TEXT, CLI_CFG_SET };

/* Longest single text value (or member list) a writer holds: past it, PANOS_E_TOO_LARGE. */
#define CLI_CFG_MAX_TEXT (8u * 1024 * 1024)
/* Deepest element a writer follows (the parser stops deeper ones first). */
#define CLI_CFG_MAX_DEPTH 260

/* The config writers' texts (output_sb.h), capped at CLI_CFG_MAX_TEXT: 0, or -1 with errno
 * E2BIG past the cap, ENOMEM when out of memory (then cli_sb_failed()). */
static inline int cli_sb_add(struct cli_sb *b, const char *s, size_t n)
{
    return cli_sb_put(b, s, n, CLI_CFG_MAX_TEXT);
}
static inline int cli_sb_add_text(struct cli_sb *b, const char *s, size_t n)
{
    return cli_sb_put_text(b, s, n, CLI_CFG_MAX_TEXT);
}

struct cli_cfgw;

/* A writer to @p out; @p xpath is the one shown (set format: paths start below it). */
int cli_cfgw_new(struct cli_cfgw **out, FILE *f, enum cli_cfg_format fmt, int pretty,
                 const char *xpath);
/* The events that feed it (payload: the writer). */
const panos_xml_events *cli_cfgw_events(void);
/* After a whole answer: what is still open (the final newline, "null" for no result). */
int cli_cfgw_finish(struct cli_cfgw *w);
/* The one-line reason of a writer's own failure ("" if none). */
const char *cli_cfgw_error(const struct cli_cfgw *w);
void cli_cfgw_free(struct cli_cfgw *w);

/* One open element, by depth; its buffers are reused by the next element at that depth. */
struct cli_cfg_frame {
    struct cli_sb text;    /* its own text (json, text, set) */
    struct cli_sb names;   /* json: the distinct names of its children, NUL-separated */
    struct cli_sb members; /* set: its <member> values, quoted, space-separated */
    size_t last;           /* json: offset in names of the previous child's name + 1 (0: none) */
    size_t nmembers;       /* set */
    size_t word;           /* set: offset in cli_cfgw.words where its word starts */
    int opened;            /* json: '{' written */
    int in_array;          /* json: the previous child's run is an open array */
    int children;          /* element children so far */
    int member;            /* set: a <member> */
    int level;             /* json: nesting level of its value */
    size_t items;          /* json: items written in its object */
};

struct cli_cfgw {
    FILE *f;
    enum cli_cfg_format fmt;
    int pretty;
    const struct cli_cfgw_ops *ops;
    int xml_open;             /* xml: a start tag waits for '>' or '/>' */
    int saw_result;           /* a <result> was seen */
    int inside;               /* json, text: inside <result> */
    int pend;                 /* text: depth of the element not printed yet, or -1 */
    struct cli_sb pend_attrs; /* text: its attributes, name NUL value NUL ... */
    size_t pend_nattrs;
    struct cli_sb words;   /* set: the path, words NUL-separated (xpath prefix first) */
    struct cli_sb scratch; /* set: one quoted word */
    struct cli_cfg_frame fr[CLI_CFG_MAX_DEPTH];
    char err[200];
};

/* After a failed cli_sb_add(): PANOS_E_NOMEM, or PANOS_E_TOO_LARGE with w->err naming the cap. */
panos_code cli_sb_failed(struct cli_cfgw *w);

/* Per format (cfgout_json.c, cfgout_text.c): the same three events and a finish. */
struct cli_cfgw_ops {
    panos_code (*start)(struct cli_cfgw *w, int depth, const char *name, const panos_xml_attr *a,
                        size_t n);
    panos_code (*text)(struct cli_cfgw *w, int depth, const char *s, size_t n);
    panos_code (*end)(struct cli_cfgw *w, int depth, const char *name);
    panos_code (*finish)(struct cli_cfgw *w);
};
/* set: the path words the shown @p xpath puts before its node's (cfgout_text.c). */
int cli_cfg_set_prefix(struct cli_cfgw *w, const char *xpath);
extern const struct cli_cfgw_ops cli_cfgw_json_ops, cli_cfgw_text_ops, cli_cfgw_set_ops;

/* config show|get (cfgprint.c): @p action of @p xpath streamed in @p fmt to stdout or to
 * @p out_path (atomic, 0600; nothing is left on failure). Returns the exit status. */
struct cli_ctx;
int cli_config_stream(struct cli_ctx *ctx, const char *action, const char *xpath,
                      enum cli_cfg_format fmt, const char *out_path);

#endif
