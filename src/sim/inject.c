/* SPDX-License-Identifier: MIT */
/* inject.c -- pansim --inject: pick the scripted reply, if any, that answers a device's request
 * instead of the device (a fault on the Nth request, on those after the first N, or on one
 * action only). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inject.h"

struct sim_inject {
    struct sim_script *script;
    size_t count;
    unsigned long *selected; /* per reply: how many requests it has selected so far */
    pthread_mutex_t lock;
};

int sim_inject_load(struct sim_inject **out, const char *path, char *err, size_t errlen)
{
    *out = NULL;
    struct sim_inject *in = calloc(1, sizeof(*in));
    if (in == NULL || sim_script_load_selectors(&in->script, path, err, errlen) != 0) {
        if (in == NULL)
            snprintf(err, errlen, "%s: out of memory", path);
        free(in);
        return -1;
    }
    in->count = sim_script_count(in->script);
    if (in->count == 0) {
        snprintf(err, errlen, "%s: no %%%% reply section to inject", path);
        sim_inject_free(in);
        return -1;
    }
    if ((in->selected = calloc(in->count, sizeof(*in->selected))) == NULL) {
        snprintf(err, errlen, "%s: out of memory", path);
        sim_inject_free(in);
        return -1;
    }
    pthread_mutex_init(&in->lock, NULL);
    *out = in;
    return 0;
}

/* 1 when @p req has the parameter of @p m: "NAME=VALUE" (equal) or "NAME~TEXT" (contains). */
static int matches(const struct sim_request *req, const char *m)
{
    size_t n = strcspn(m, "=~");
    for (size_t i = 0; i < req->nparams; i++) {
        const struct sim_param *p = &req->params[i];
        if (strlen(p->name) != n || strncmp(p->name, m, n) != 0)
            continue;
        if (m[n] == '=' ? strcmp(p->value, m + n + 1) == 0 : strstr(p->value, m + n + 1) != NULL)
            return 1;
    }
    return 0;
}

static int selects(const struct sim_script_reply *r, const struct sim_request *req, long device)
{
    if (r->device != 0 && r->device != device)
        return 0;
    for (size_t i = 0; i < r->nmatch; i++)
        if (!matches(req, r->match[i]))
            return 0;
    return 1;
}

const struct sim_script_reply *sim_inject_pick(struct sim_inject *in,
                                               const struct sim_request *req, long device)
{
    const struct sim_script_reply *pick = NULL;
    pthread_mutex_lock(&in->lock);
    for (size_t i = 0; i < in->count; i++) {
        const struct sim_script_reply *r = sim_script_reply_for(in->script, i + 1);
        if (!selects(r, req, device))
            continue;
        unsigned long k = ++in->selected[i];
        int hit = r->nth > 0 ? k == (unsigned long)r->nth : k > (unsigned long)r->after;
        if (hit && pick == NULL)
            pick = r;
    }
    pthread_mutex_unlock(&in->lock);
    return pick;
}

void sim_inject_free(struct sim_inject *in)
{
    if (in == NULL)
        return;
    if (in->selected != NULL)
        pthread_mutex_destroy(&in->lock);
    free(in->selected);
    sim_script_free(in->script);
    free(in);
}
