/* SPDX-License-Identifier: MIT */
/* col_slow.c -- the slow tier: licences, certificates, environmentals, disk space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "collect.h"

/* request license info: licenses/entry{feature, expires ("December 31, 2023" | "Never"),
 * expired (yes/no)}. "Never" has no timestamp (check_paloalto_ng needed that fix). */
int exp_parse_licenses(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    const panos_node *ls = panos_node_child(r, "licenses");
    char feat[128], exp[64], expired[16];
    double t;
    if (ls == NULL)
        return -1;
    for (const panos_node *e = panos_node_child(ls, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        if (exp_text(e, "feature", feat, sizeof(feat)) != 0 || feat[0] == '\0')
            continue;
        exp_text(e, "expires", exp, sizeof(exp));
        int never = strcasecmp(exp, "never") == 0;
        exp_metric_add(out, "panos_license_perpetual", never, "feature", feat, NULL);
        if (!never && exp_time_license(exp, &t) == 0)
            exp_metric_add(out, "panos_license_expiry_timestamp_seconds", t, "feature", feat, NULL);
        if (exp_text(e, "expired", expired, sizeof(expired)) == 0)
            exp_metric_add(out, "panos_license_expired", exp_bool(expired) == 1, "feature", feat,
                           NULL);
    }
    return 0;
}

/* type=config get of /config/shared/certificate: certificate/entry[@name]{expiry-epoch,
 * not-valid-after ("Oct 02 07:00:00 2011 GMT")}. */
int exp_parse_certificates(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    const panos_node *certs = panos_node_child(r, "certificate");
    char buf[64];
    double t;
    if (certs == NULL)
        return panos_node_first(r) == NULL ? 0 : -1;
    for (const panos_node *e = panos_node_child(certs, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        const char *name = panos_node_attr(e, "name");
        if (name == NULL)
            continue;
        int ok = exp_child_number(e, "expiry-epoch", &t) == 0;
        if (!ok && exp_text(e, "not-valid-after", buf, sizeof(buf)) == 0)
            ok = exp_time_cert(buf, &t) == 0;
        if (ok)
            exp_metric_add(out, "panos_certificate_expiry_timestamp_seconds", t, "name", name,
                           "location", "shared", NULL);
    }
    return 0;
}

/* One sensor kind of show system environmentals. */
struct env_kind {
    const char *el;     /* thermal, fan, fans (11.x), power, power-supply */
    const char *family; /* its metric */
    const char *label;  /* its sensor label name */
    const char *field;  /* the reading */
    const char *kind;   /* kind= of panos_environment_alarm */
};

static const struct env_kind kinds[] = {
    {"thermal", "panos_temperature_celsius", "sensor", "DegreesC", "thermal"},
    {"fan", "panos_fan_speed_rpm", "fan", "RPMs", "fan"},
    {"fans", "panos_fan_speed_rpm", "fan", "RPMs", "fan"},
    {"power", "panos_voltage_volts", "rail", "Volts", "power"},
    {"power-supply", "panos_power_supply_present", "psu", "Inserted", "power_supply"},
};

static void put_env_entry(struct exp_metrics *out, const struct env_kind *k, const panos_node *e,
                          const char *slot)
{
    char desc[128], val[32], alarm[16];
    double v;
    if (exp_text(e, "description", desc, sizeof(desc)) != 0 || desc[0] == '\0')
        return;
    if (exp_text(e, k->field, val, sizeof(val)) == 0) {
        int b = exp_bool(val);
        if (exp_number(val, &v) == 0 || (b >= 0 && (v = b, 1)))
            exp_metric_add(out, k->family, v, "slot", slot, k->label, desc, NULL);
    }
    if (exp_text(e, "alarm", alarm, sizeof(alarm)) == 0)
        exp_metric_add(out, "panos_environment_alarm", exp_bool(alarm) == 1, "kind", k->kind,
                       "slot", slot, "sensor", desc, NULL);
}

/* {thermal, fan | fans, power, power-supply}/Slot<N>/entry; VM-Series answers nothing. */
int exp_parse_environment(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        const panos_node *k = panos_node_child(r, kinds[i].el);
        for (const panos_node *s = k ? panos_node_first(k) : NULL; s; s = panos_node_next(s)) {
            const char *slot = panos_node_name(s);
            if (strncasecmp(slot, "Slot", 4) == 0)
                slot += 4;
            for (const panos_node *e = panos_node_child(s, "entry"); e;
                 e = panos_node_next_named(e, "entry"))
                put_env_entry(out, &kinds[i], e, slot);
        }
    }
    return 0;
}

/* "1.9G", "512M", "100K", "0": bytes (df -h powers of 1024). */
static int df_size(const char *s, double *v)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s)
        return -1;
    const char *units = "KMGTP";
    const char *u = *end ? strchr(units, *end) : NULL;
    double mul = 1;
    if (u != NULL)
        for (long i = 0; i <= u - units; i++)
            mul *= 1024;
    else if (*end != '\0')
        return -1;
    *v = d * mul;
    return 0;
}

/* show system disk-space: df -h text. "Filesystem Size Used Avail Use% Mounted on" and one
 * line per filesystem; device names vary (sda, md, mmcblk, nvme: check_paloalto_ng #1). */
int exp_parse_disk(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    panos_buf b = {NULL, 0};
    panos_code tc = panos_node_text(&b, r);
    if (tc == PANOS_E_NOMEM)
        exp_parse_oom();
    if (tc != PANOS_OK || b.ptr == NULL)
        return -1;
    int n = 0;
    char *save = NULL;
    for (char *line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char dev[128], size[32], used[32], avail[32], pct[16], mount[256];
        double sz, av;
        if (sscanf(line, "%127s %31s %31s %31s %15s %255s", dev, size, used, avail, pct, mount) !=
            6)
            continue;
        if (df_size(size, &sz) != 0 || df_size(avail, &av) != 0)
            continue; /* the header line */
        exp_metric_add(out, "panos_filesystem_size_bytes", sz, "mount", mount, NULL);
        exp_metric_add(out, "panos_filesystem_avail_bytes", av, "mount", mount, NULL);
        n++;
    }
    panos_buf_dispose(&b);
    return n > 0 ? 0 : -1;
}
