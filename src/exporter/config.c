/* SPDX-License-Identifier: MIT */
/* config.c -- read the exporter's INI file strictly: every error names file:line. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "collect.h"
#include "config.h"

enum section { SEC_NONE, SEC_GLOBAL, SEC_DEFAULTS, SEC_TARGET, SEC_MODULE };

struct parser {
    struct exp_config *c;
    const char *path;
    int line;
    enum section sec;
    char *err;
    size_t errlen;
};

static int fail(struct parser *p, const char *fmt, const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, arg);
    snprintf(p->err, p->errlen, "%s:%d: %s", p->path, p->line, msg);
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int parse_long(struct parser *p, const char *key, const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi) {
        char msg[160];
        snprintf(msg, sizeof(msg), "%s must be a whole number from %ld to %ld", key, lo, hi);
        return fail(p, "%s", msg);
    }
    *out = n;
    return 0;
}

static int parse_yesno(struct parser *p, const char *key, const char *v, int *out)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
        *out = v[0] == 'y';
        return 0;
    }
    return fail(p, "%s must be yes or no", key);
}

static int set_str(char **slot, const char *v)
{
    free(*slot);
    *slot = strdup(v);
    return *slot ? 0 : -1;
}

static struct exp_auth *cur_auth(struct parser *p)
{
    if (p->sec == SEC_DEFAULTS)
        return &p->c->defaults;
    return &p->c->targets[p->c->ntargets - 1].a;
}

static int auth_key(struct parser *p, const char *k, const char *v)
{
    struct exp_auth *a = cur_auth(p);
    static const char *const strs[] = {"key-file",    "panrc-tag", "user", "password-file",
                                       "api-key-env", "ca-file",   "pin",  "host"};
    char **slots[] = {&a->key_file,    &a->panrc_tag, &a->user, &a->password_file,
                      &a->api_key_env, &a->ca_file,   &a->pin,  &a->host};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
        if (strcmp(k, strs[i]) == 0) {
            if (i == 7 && p->sec != SEC_TARGET)
                break;
            return set_str(slots[i], v) ? fail(p, "%s", "out of memory") : 0;
        }
    if (strcmp(k, "insecure") == 0)
        return parse_yesno(p, k, v, &a->insecure);
    if (strcmp(k, "http") == 0)
        return parse_yesno(p, k, v, &a->http);
    if (strcmp(k, "timeout") == 0)
        return parse_long(p, k, v, 1, 600, &a->timeout_s);
    return fail(p, "unknown key '%s'", k);
}

static int global_key(struct parser *p, const char *k, const char *v)
{
    struct exp_config *c = p->c;
    if (strcmp(k, "max-inflight-per-target") == 0)
        return parse_long(p, k, v, 1, 5, &c->max_inflight_per_target);
    if (strcmp(k, "max-inflight") == 0)
        return parse_long(p, k, v, 1, 100000, &c->max_inflight);
    if (strcmp(k, "slow-refresh") == 0)
        return parse_long(p, k, v, 1, 604800, &c->slow_refresh_s);
    if (strcmp(k, "allow-unlisted-targets") == 0)
        return parse_yesno(p, k, v, &c->allow_unlisted);
    return fail(p, "unknown key '%s'", k);
}

static int module_key(struct parser *p, const char *k, const char *v)
{
    if (strcmp(k, "collectors") != 0)
        return fail(p, "unknown key '%s'", k);
    char bad[64];
    unsigned m = exp_collectors_parse(v, bad, sizeof(bad));
    if (m == 0)
        return fail(p, "unknown collector '%s'", bad);
    p->c->modules[p->c->nmodules - 1].collectors = m;
    return 0;
}

static void auth_unset(struct exp_auth *a)
{
    memset(a, 0, sizeof(*a));
    a->insecure = a->http = -1;
    a->timeout_s = -1;
}

/* "[target NAME]" or "[module NAME]": a new entry (names unique). */
static int new_named(struct parser *p, const char *kind, const char *name)
{
    struct exp_config *c = p->c;
    if (*name == '\0' || strpbrk(name, " \t\"\\") != NULL)
        return fail(p, "bad %s name (no spaces, quotes or backslashes)", kind);
    if (kind[0] == 't') {
        if (exp_config_target(c, name))
            return fail(p, "target '%s' defined twice", name);
        void *v = realloc(c->targets, (c->ntargets + 1) * sizeof(*c->targets));
        if (v == NULL)
            return fail(p, "%s", "out of memory");
        c->targets = v;
        struct exp_target *t = &c->targets[c->ntargets];
        auth_unset(&t->a);
        t->name = strdup(name);
        if (t->name == NULL)
            return fail(p, "%s", "out of memory");
        c->ntargets++;
        p->sec = SEC_TARGET;
        return 0;
    }
    struct exp_module *m = (struct exp_module *)exp_config_module(c, name);
    if (m && strcmp(name, "default") != 0)
        return fail(p, "module '%s' defined twice", name);
    if (m == NULL) {
        void *v = realloc(c->modules, (c->nmodules + 1) * sizeof(*c->modules));
        if (v == NULL)
            return fail(p, "%s", "out of memory");
        c->modules = v;
        m = &c->modules[c->nmodules];
        m->name = strdup(name);
        m->collectors = EXP_C_ALL;
        if (m->name == NULL)
            return fail(p, "%s", "out of memory");
        c->nmodules++;
    } else {
        /* [module default] redefines the built-in one: move it last, where keys go. */
        struct exp_module tmp = *m;
        *m = c->modules[c->nmodules - 1];
        c->modules[c->nmodules - 1] = tmp;
    }
    p->sec = SEC_MODULE;
    return 0;
}

static int section(struct parser *p, char *s)
{
    char *end = strchr(s, ']');
    if (end == NULL || trim(end + 1)[0] != '\0')
        return fail(p, "%s", "bad section header (expected [name])");
    *end = '\0';
    s = trim(s + 1);
    if (strcmp(s, "global") == 0)
        p->sec = SEC_GLOBAL;
    else if (strcmp(s, "defaults") == 0)
        p->sec = SEC_DEFAULTS;
    else if (strncmp(s, "target ", 7) == 0)
        return new_named(p, "target", trim(s + 7));
    else if (strncmp(s, "module ", 7) == 0)
        return new_named(p, "module", trim(s + 7));
    else
        return fail(p, "unknown section [%s]", s);
    return 0;
}

static int line_(struct parser *p, char *s)
{
    char *hash = strchr(s, '#');
    if (hash)
        *hash = '\0';
    s = trim(s);
    if (*s == '\0' || *s == ';')
        return 0;
    if (*s == '[')
        return section(p, s);
    char *eq = strchr(s, '=');
    if (eq == NULL)
        return fail(p, "%s", "expected key = value");
    *eq = '\0';
    char *k = trim(s), *v = trim(eq + 1);
    switch (p->sec) {
    case SEC_NONE:
        return fail(p, "key '%s' outside a section", k);
    case SEC_GLOBAL:
        return global_key(p, k, v);
    case SEC_DEFAULTS:
    case SEC_TARGET:
        return auth_key(p, k, v);
    case SEC_MODULE:
        return module_key(p, k, v);
    }
    return 0;
}

static int check_targets(struct parser *p)
{
    for (size_t i = 0; i < p->c->ntargets; i++) {
        struct exp_target *t = &p->c->targets[i];
        if (t->a.host == NULL) {
            p->line = 0;
            snprintf(p->err, p->errlen, "%s: target '%s' has no host", p->path, t->name);
            return -1;
        }
    }
    return 0;
}

static int load(struct exp_config *c, const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof(*c));
    c->max_inflight_per_target = 2;
    c->max_inflight = 256;
    c->slow_refresh_s = 300;
    auth_unset(&c->defaults);
    struct parser p = {c, path, 0, SEC_NONE, err, errlen};
    if (new_named(&p, "module", "default") != 0)
        return -1;
    p.sec = SEC_NONE;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
        snprintf(err, errlen,
                 "%s: group or others can read or write it (it names keys and passwords): "
                 "chmod 600 it",
                 path);
        fclose(f);
        return -1;
    }
    char buf[4096];
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof(buf), f)) {
        p.line++;
        if (strchr(buf, '\n') == NULL && !feof(f))
            rc = fail(&p, "%s", "line too long");
        else
            rc = line_(&p, buf);
    }
    fclose(f);
    if (rc == 0)
        rc = check_targets(&p);
    return rc;
}

/* A configuration that fails to load leaves nothing allocated (SIGHUP reloads it while the
 * exporter runs on: found by tests/fuzz/fuzz_expconfig, corpus/expconfig/leak-*). */
int exp_config_load(struct exp_config *c, const char *path, char *err, size_t errlen)
{
    int rc = load(c, path, err, errlen);
    if (rc != 0)
        exp_config_free(c);
    return rc;
}

static void auth_free(struct exp_auth *a)
{
    char *s[] = {a->host,          a->key_file,    a->panrc_tag, a->user,
                 a->password_file, a->api_key_env, a->ca_file,   a->pin};
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
        free(s[i]);
}

void exp_config_free(struct exp_config *c)
{
    auth_free(&c->defaults);
    for (size_t i = 0; i < c->ntargets; i++) {
        auth_free(&c->targets[i].a);
        free(c->targets[i].name);
    }
    for (size_t i = 0; i < c->nmodules; i++)
        free(c->modules[i].name);
    free(c->targets);
    free(c->modules);
    memset(c, 0, sizeof(*c));
}

const struct exp_target *exp_config_target(const struct exp_config *c, const char *name)
{
    for (size_t i = 0; i < c->ntargets; i++)
        if (strcmp(c->targets[i].name, name) == 0)
            return &c->targets[i];
    return NULL;
}

const struct exp_module *exp_config_module(const struct exp_config *c, const char *name)
{
    for (size_t i = 0; i < c->nmodules; i++)
        if (strcmp(c->modules[i].name, name) == 0)
            return &c->modules[i];
    return NULL;
}

/* Settings that go together: a target that sets one of a group inherits none of the others
 * (its own pin is not overridden by the defaults' CA file, nor its key file by an env var). */
void exp_auth_merge(struct exp_auth *a, const struct exp_auth *d)
{
    int own_key = a->key_file || a->panrc_tag || a->api_key_env;
    int own_trust = a->ca_file || a->pin || a->insecure >= 0;
    if (!own_key) {
        a->key_file = d->key_file;
        a->panrc_tag = d->panrc_tag;
        a->api_key_env = d->api_key_env;
    }
    if (!own_trust) {
        a->ca_file = d->ca_file;
        a->pin = d->pin;
        a->insecure = d->insecure;
    }
    if (a->user == NULL && a->password_file == NULL) {
        a->user = d->user;
        a->password_file = d->password_file;
    }
    if (a->insecure < 0)
        a->insecure = 0;
    if (a->http < 0)
        a->http = d->http > 0;
    if (a->timeout_s < 0)
        a->timeout_s = d->timeout_s > 0 ? d->timeout_s : 8;
}
