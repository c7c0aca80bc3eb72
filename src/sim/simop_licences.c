/* SPDX-License-Identifier: MIT */
/* simop_licences.c -- op answers about licences: request license info. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "simop.h"

static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

static const char *s_or(const char *s, const char *dflt)
{
    return s != NULL ? s : dflt;
}

/* "April 20, 2023", the licence date layout. */
static void put_licdate(FILE *f, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "%s %02d, %d", months[tm.tm_mon % 12], tm.tm_mday, tm.tm_year + 1900);
}

/* request license info (pan-os-upgrade-assurance 2.1.1 tests, test_get_licenses): a VM licence
 * plus subscriptions, all on this serial. */
static enum sim_opstatus op_license_info(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    static const struct {
        const char *feature, *description;
        int never;
    } lic[] = {
        {"PA-VM", "Standard VM-100", 1},
        {"Threat Prevention", "Threat Prevention", 0},
        {"PAN-DB URL Filtering", "Palo Alto Networks URL Filtering License", 0},
        {"WildFire License", "WildFire signature feed, integrated WildFire logs, WildFire API",
         0},
    };
    long long issued =
        st->boot_time - 86400LL * (long long)(30 + sim_world_mix(st->seed, 1000) % 300);
    long long expires = issued + 86400LL * 3 * 365;
    fputs("<licenses>", f);
    for (size_t i = 0; i < sizeof(lic) / sizeof(lic[0]); i++) {
        if (i == 0 && !sim_op_is_vm(st))
            continue; /* hardware has no VM capacity licence */
        fputs("<entry>", f);
        sim_op_put_el(f, "feature", lic[i].feature);
        sim_op_put_el(f, "description", lic[i].description);
        sim_op_put_el(f, "serial", st->serial);
        fputs("<issued>", f);
        put_licdate(f, issued);
        fputs("</issued><expires>", f);
        if (lic[i].never)
            fputs("Never", f);
        else
            put_licdate(f, expires);
        fputs("</expires>", f);
        sim_op_put_el(f, "expired", !lic[i].never && now >= expires ? "yes" : "no");
        sim_op_put_el(f, "base-license-name", s_or(st->model, "PA-VM"));
        fputs("<authcode/></entry>", f);
    }
    fputs("</licenses>", f);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_licences_cmds[] = {
    {"request license info", SIM_OPARG_NONE, op_license_info},
    {NULL, SIM_OPARG_NONE, NULL},
};
