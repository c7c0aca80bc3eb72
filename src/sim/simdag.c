/* SPDX-License-Identifier: MIT */
/* simdag.c -- the tag filter of dynamic address groups, parsed and evaluated in one pass, and
 * the world's groups written into the initial configuration. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "simdag.h"
#include "simworld.h"

/*
 * The filter language: tag names in single quotes, combined with and, or and parentheses (PAN-OS
 * Administrator's Guide, "Use Dynamic Address Groups in Policy" (10.1): match criteria of tags
 * joined by AND and OR; Ansible's panos_dag module, dag_filter "'a' and 'b'"). Recursive descent:
 *   expr := term ("or" term)*     term := factor ("and" factor)*     factor := "(" expr ")" | TAG
 * Every operand is evaluated (no short cut) so that a bad filter is refused whatever the tags.
 */
struct dagp {
    const char *s;
    size_t i;
    int depth;
    sim_dag_has_tag *has;
    void *payload;
    char *err;
    size_t errlen;
    int failed;
};

static int fail(struct dagp *p, const char *what)
{
    if (!p->failed && p->err != NULL && p->errlen > 0)
        snprintf(p->err, p->errlen, "%s at offset %zu", what, p->i);
    p->failed = 1;
    return 0;
}

static void skip_blanks(struct dagp *p)
{
    while (isspace((unsigned char)p->s[p->i]))
        p->i++;
}

/* Consume the keyword @p kw when it comes next as a whole word. */
static int keyword(struct dagp *p, const char *kw)
{
    size_t n = strlen(kw);
    skip_blanks(p);
    if (strncasecmp(p->s + p->i, kw, n) != 0)
        return 0;
    char c = p->s[p->i + n];
    if (c != '\0' && c != '(' && c != '\'' && !isspace((unsigned char)c))
        return 0;
    p->i += n;
    return 1;
}

static int expr(struct dagp *p);

static int tag(struct dagp *p)
{
    char name[SIM_DAG_TAG_MAX + 1];
    size_t start = ++p->i, n = strcspn(p->s + start, "'");
    if (p->s[start + n] != '\'')
        return fail(p, "unterminated tag name");
    if (n == 0)
        return fail(p, "empty tag name");
    if (n > SIM_DAG_TAG_MAX)
        return fail(p, "tag name longer than 127 characters");
    memcpy(name, p->s + start, n);
    name[n] = '\0';
    p->i = start + n + 1;
    return p->has != NULL && p->has(p->payload, name);
}

static int factor(struct dagp *p)
{
    skip_blanks(p);
    if (p->s[p->i] == '\'')
        return tag(p);
    if (p->s[p->i] != '(')
        return fail(p, p->s[p->i] == '\0' ? "missing tag name" : "expected a quoted tag name");
    if (++p->depth > 32)
        return fail(p, "parentheses nested too deep");
    p->i++;
    int v = expr(p);
    skip_blanks(p);
    if (p->s[p->i] != ')')
        return fail(p, "missing ')'");
    p->i++;
    p->depth--;
    return v;
}

static int term(struct dagp *p)
{
    int v = factor(p);
    while (!p->failed && keyword(p, "and"))
        v = factor(p) && v;
    return v;
}

static int expr(struct dagp *p)
{
    int v = term(p);
    while (!p->failed && keyword(p, "or"))
        v = term(p) || v;
    return v;
}

int sim_dag_eval(const char *filter, sim_dag_has_tag *has, void *payload, char *err, size_t errlen)
{
    struct dagp p = {.s = filter, .has = has, .payload = payload, .err = err, .errlen = errlen};
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (strlen(filter) > SIM_DAG_FILTER_MAX) {
        fail(&p, "filter longer than 2048 characters");
        return -1;
    }
    int v = expr(&p);
    skip_blanks(&p);
    if (!p.failed && p.s[p.i] != '\0')
        fail(&p, p.s[p.i] == ')' ? "unbalanced ')'" : "expected 'and' or 'or'");
    return p.failed ? -1 : v;
}

void sim_config_put_dags(FILE *f, int shared)
{
    int open = 0;
    for (size_t i = 0; i < sim_world_ndags; i++) {
        const struct sim_world_dag *g = &sim_world_dags[i];
        if ((g->vsys == NULL) != (shared != 0))
            continue;
        if (!open++)
            fputs("<address-group>", f);
        fprintf(f, "<entry name=\"%s\"><dynamic><filter>%s</filter></dynamic>", g->name, g->filter);
        if (g->description != NULL)
            fprintf(f, "<description>%s</description>", g->description);
        fputs("</entry>", f);
    }
    if (open)
        fputs("</address-group>", f);
}
