/* SPDX-License-Identifier: MIT */
/* investigate_vendor.c -- panctl investigate: the host's identity and its MAC's vendor, from the
 * IEEE registries and, with --online-vendor, the online lookup for MACs they do not know. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "investigate_priv.h"

/* $XDG_CACHE_HOME/panctl/macvendors, else ~/.cache/panctl/macvendors; the directories are
 * made 0700. 0, or -1 with no place for it. */
static int cache_path(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (xdg != NULL && xdg[0] == '/')
        snprintf(dir, sizeof(dir), "%s", xdg);
    else if (home != NULL && home[0] == '/')
        snprintf(dir, sizeof(dir), "%s/.cache", home);
    else
        return -1;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return -1;
    if ((size_t)snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/panctl") >=
            sizeof(dir) - strlen(dir) ||
        (mkdir(dir, 0700) != 0 && errno != EEXIST))
        return -1;
    return (size_t)snprintf(buf, len, "%s/macvendors", dir) < len ? 0 : -1;
}

int inv_vendor_open(struct inv_vendor *o)
{
    panos_macvendor_online_options opt;
    char path[4200], err[512] = "";
    if (!o->online)
        return o->url
                   ? cli_usage_error("investigate", "%s", "--vendor-url goes with --online-vendor")
                   : 0;
    if (cache_path(path, sizeof(path)) != 0)
        return cli_local_error(PANOS_E_IO, "no place for the MAC vendor cache "
                                           "($XDG_CACHE_HOME/panctl or ~/.cache/panctl)");
    panos_macvendor_online_options_init(&opt);
    opt.base_url = o->url;
    opt.cache_path = path;
    panos_code code = panos_macvendor_online_new(&o->handle, &opt, err, sizeof(err));
    if (code == PANOS_E_INVALID_ARG)
        return cli_usage_error("investigate",
                               "--vendor-url %s: expected https://HOST/PATH/ "
                               "(http:// only to loopback)",
                               o->url);
    return code != PANOS_OK ? cli_local_error(code, err) : 0;
}

/* Ask the online lookup about @p mac into @p m (vendor, note); a failure is a warning. */
static void online(json_t *m, const struct inv_vendor *o, const char *mac)
{
    char *vendor = NULL, err[512] = "";
    int hit = 0;
    panos_code code =
        panos_macvendor_online_lookup(&vendor, &hit, o->handle, mac, err, sizeof(err));
    if (code != PANOS_OK) {
        cli_warn("online MAC vendor lookup: %s", err);
        return;
    }
    json_object_set_new(m, "vendor", vendor ? json_string(vendor) : json_null());
    json_object_set_new(m, "online", json_true());
    json_object_set_new(m, "note",
                        json_string(vendor ? (hit ? "online lookup (cached)" : "online lookup")
                                    : hit  ? "unknown to the online lookup "
                                             "(cached)"
                                           : "unknown to the online lookup"));
    free(vendor);
}

json_t *inv_identity(const struct inv *v, const struct inv_vendor *o)
{
    json_t *id = json_object();
    json_object_set_new(id, "ipv4", json_string(v->ip4));
    json_object_set_new(id, "ipv6", json_string(v->ip6));
    json_object_set_new(id, "mac", json_string(v->mac));
    json_object_set_new(id, "hostname", json_string(v->hostname));
    json_object_set_new(id, "user", json_string(v->user));
    panos_macvendor_info mi;
    if (v->mac[0] == '\0' || panos_macvendor_lookup(&mi, NULL, v->mac) != PANOS_OK)
        return id;
    json_t *m = json_object();
    char err[256] = "";
    panos_macvendor *db = NULL;
    if (!mi.local && panos_macvendor_load(&db, o->dir, err, sizeof(err)) != PANOS_OK)
        cli_warn("no MAC vendor: %s", err);
    panos_macvendor_lookup(&mi, db, v->mac);
    json_object_set_new(m, "vendor", mi.vendor ? json_string(mi.vendor) : json_null());
    json_object_set_new(m, "registry", mi.registry ? json_string(mi.registry) : json_null());
    json_object_set_new(m, "randomized", json_boolean(mi.local));
    json_object_set_new(m, "multicast", json_boolean(mi.multicast));
    json_object_set_new(m, "online", json_false());
    const char *note = mi.local    ? "randomized (locally administered)"
                       : mi.vendor ? ""
                       : db        ? "not in the IEEE registries"
                                   : "unknown (IEEE registries not loaded)";
    json_object_set_new(m, "note", json_string(note));
    /* Online only for what the registries do not know, and never a randomized or group MAC
     * (its first octet says it belongs to no vendor). */
    if (o->handle != NULL && mi.vendor == NULL && !mi.local && !mi.multicast)
        online(m, o, v->mac);
    json_object_set_new(id, "mac_vendor", m);
    panos_macvendor_free(db);
    return id;
}
