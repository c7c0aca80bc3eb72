/* SPDX-License-Identifier: MIT */
/* check_fleet.c -- panctl check NAME --all-devices: the check on every firewall of a Panorama,
 * one at a time through it (target=SERIAL), as one plugin answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_core.h"
#include "pano.h"

static const char *const names[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

/* How bad, for the overall status: CRITICAL, then WARNING, then UNKNOWN, then OK. */
static int rank(enum chk_status s)
{
    static const int r[] = {0, 2, 3, 1};
    return r[s];
}

/* Run @p probe on one firewall; its line "SERIAL HOSTNAME: STATUS - text" into @p f. */
static enum chk_status one(struct chk *c, chk_probe_fn *probe, char *const *v, FILE *f)
{
    c->status = CHK_OK;
    c->text[0] = c->perf[0] = '\0';
    c->unknown = 0;
    if (strcmp(v[PANO_CONNECTED], "yes") != 0)
        chk_unknown(c, "%s", "not connected to Panorama");
    else if (panos_client_set_target(c->ctx->client, v[PANO_SERIAL]) != PANOS_OK)
        chk_unknown(c, "%s", "cannot set the target");
    else
        probe(c);
    fprintf(f, "%s %s: %s - %s\n", v[PANO_SERIAL], v[PANO_HOSTNAME], names[c->status], c->text);
    return c->status;
}

int chk_all_devices(struct chk *c, chk_probe_fn *probe)
{
    struct cli_pano_devs d;
    if (cli_pano_devices(c->ctx, 0, &d) != 0) {
        chk_unknown(c, "%s", "cannot list the firewalls (is the host a Panorama? see stderr)");
        printf("UNKNOWN - %s\n", c->text);
        return CHK_UNKNOWN;
    }
    char *lines = NULL;
    size_t len = 0, count[4] = {0};
    FILE *f = open_memstream(&lines, &len);
    enum chk_status worst = CHK_OK;
    for (size_t i = 0; f != NULL && i < d.n; i++) {
        enum chk_status s = one(c, probe, d.v[i], f);
        count[s]++;
        worst = rank(s) > rank(worst) ? s : worst;
    }
    if (f == NULL || fclose(f) != 0) {
        cli_pano_devs_free(&d);
        free(lines);
        printf("UNKNOWN - out of memory\n");
        return CHK_UNKNOWN;
    }
    printf("%s - %zu firewalls: %zu CRITICAL, %zu WARNING, %zu UNKNOWN, %zu OK | critical=%zu "
           "warning=%zu unknown=%zu ok=%zu\n%s",
           names[worst], d.n, count[CHK_CRITICAL], count[CHK_WARNING], count[CHK_UNKNOWN],
           count[CHK_OK], count[CHK_CRITICAL], count[CHK_WARNING], count[CHK_UNKNOWN],
           count[CHK_OK], lines);
    fflush(stdout);
    free(lines);
    cli_pano_devs_free(&d);
    return worst;
}
