/* SPDX-License-Identifier: MIT */
/* investigate_text.c -- panctl investigate's report as text: sections and aligned tables. */
#include <stdio.h>
#include <string.h>
#include "investigate.h"

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : "-";
}

static long long iget(const json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

/* One table: a header, then the rows of @p arr, the columns @p keys (integers right-aligned). */
static void table(FILE *f, const json_t *arr, const char *const *keys, const char *const *heads,
                  size_t ncols)
{
    size_t w[8] = {0}, i;
    const json_t *row;
    char cell[64];
    for (size_t c = 0; c < ncols; c++)
        w[c] = strlen(heads[c]);
    json_array_foreach(arr, i, row)
    {
        for (size_t c = 0; c < ncols; c++) {
            const json_t *x = json_object_get(row, keys[c]);
            size_t n = json_is_integer(x) ? (size_t)snprintf(cell, sizeof(cell), "%lld",
                                                             (long long)json_integer_value(x))
                                          : strlen(sget(row, keys[c]));
            w[c] = n > w[c] ? n : w[c];
        }
    }
    fputs("  ", f);
    for (size_t c = 0; c < ncols; c++)
        fprintf(f, "%-*s%s", c + 1 < ncols ? (int)w[c] : 0, heads[c], c + 1 < ncols ? "  " : "\n");
    json_array_foreach(arr, i, row)
    {
        fputs("  ", f);
        for (size_t c = 0; c < ncols; c++) {
            const json_t *x = json_object_get(row, keys[c]);
            const char *sep = c + 1 < ncols ? "  " : "\n";
            if (json_is_integer(x))
                fprintf(f, "%*lld%s", (int)w[c], (long long)json_integer_value(x), sep);
            else
                fprintf(f, "%-*s%s", c + 1 < ncols ? (int)w[c] : 0, sget(row, keys[c]), sep);
        }
    }
    if (json_array_size(arr) == 0)
        fputs("  (none)\n", f);
}

static void identity(FILE *f, const json_t *r)
{
    const json_t *id = json_object_get(r, "identity");
    const json_t *m = json_object_get(id, "mac_vendor");
    fprintf(f, "Host %s (%s), %s to %s\n\n", sget(r, "query"), sget(r, "kind"), sget(r, "since"),
            sget(r, "until"));
    fprintf(f, "Identity\n  IPv4      %s\n  IPv6      %s\n  MAC       %s\n", sget(id, "ipv4"),
            sget(id, "ipv6"), sget(id, "mac"));
    if (m) {
        const char *vendor = sget(m, "vendor");
        const char *note = sget(m, "note");
        fprintf(f, "  vendor    %s%s%s%s%s\n", strcmp(vendor, "-") ? vendor : "",
                json_is_string(json_object_get(m, "registry")) ? " (" : "",
                json_is_string(json_object_get(m, "registry")) ? sget(m, "registry") : "",
                json_is_string(json_object_get(m, "registry")) ? ")" : "",
                strcmp(note, "-") ? note : "");
        if (json_is_true(json_object_get(m, "multicast")))
            fputs("            multicast (group) address\n", f);
    }
    fprintf(f, "  hostname  %s\n  user      %s\n\n", sget(id, "hostname"), sget(id, "user"));
    static const char *const k[] = {"source", "time", "fact"};
    fputs("Facts\n", f);
    table(f, json_object_get(r, "facts"), k, k, 3);
}

static void traffic(FILE *f, const json_t *r)
{
    const json_t *t = json_object_get(r, "traffic");
    fprintf(f,
            "\nTraffic\n  sessions %lld (denied %lld), bytes %lld (sent %lld, received %lld)\n"
            "  first seen %s, last seen %s\n",
            iget(t, "sessions"), iget(t, "denied"), iget(t, "bytes"), iget(t, "bytes_sent"),
            iget(t, "bytes_received"), sget(t, "first_seen"), sget(t, "last_seen"));
    static const char *const kd[] = {"address", "region", "count", "bytes"};
    static const char *const hd[] = {"destination", "region", "sessions", "bytes"};
    static const char *const ka[] = {"name", "count", "bytes"};
    static const char *const ha[] = {"application", "sessions", "bytes"};
    static const char *const ks[] = {"service", "count", "bytes"};
    static const char *const hs[] = {"service", "sessions", "bytes"};
    static const char *const kr[] = {"name", "action", "count"};
    static const char *const hr[] = {"rule", "action", "sessions"};
    fputs("\nTop destinations\n", f);
    table(f, json_object_get(t, "destinations"), kd, hd, 4);
    fputs("\nTop applications\n", f);
    table(f, json_object_get(t, "applications"), ka, ha, 3);
    fputs("\nTop services\n", f);
    table(f, json_object_get(t, "services"), ks, hs, 3);
    fputs("\nRules\n", f);
    table(f, json_object_get(t, "rules"), kr, hr, 3);
}

int inv_write_text(FILE *f, const json_t *r)
{
    identity(f, r);
    traffic(f, r);
    const json_t *th = json_object_get(r, "threats");
    const json_t *tl = json_object_get(r, "timeline");
    static const char *const kt[] = {"name",   "id",    "severity", "direction",
                                     "action", "count", "last"};
    static const char *const ht[] = {"threat", "id",    "severity", "direction",
                                     "action", "count", "last"};
    fprintf(f, "\nThreats (%lld events)\n", iget(th, "events"));
    table(f, json_object_get(th, "signatures"), kt, ht, 7);
    static const char *const kh[] = {"time", "event", "ip", "mac", "hostname"};
    /* The text shows the first and the last few; -o json lists up to 200. */
    const json_t *dhcp = json_object_get(tl, "dhcp");
    size_t nd = json_array_size(dhcp);
    json_t *few = json_array();
    for (size_t i = 0; i < nd; i++)
        if (i < 3 || i + 3 >= nd)
            json_array_append(few, json_array_get(dhcp, i));
    fprintf(f, "\nTimeline: DHCP lease events (%lld)\n", iget(tl, "dhcp_events"));
    table(f, few, kh, kh, 5);
    json_decref(few);
    if (iget(tl, "dhcp_events") > 6)
        fprintf(f,
                "  (%lld between the first and the last three not shown; -o json lists "
                "up to 200)\n",
                iget(tl, "dhcp_events") - 6);
    static const char *const kv[] = {"from", "sessions", "bytes"};
    static const char *const hv[] = {"hour from", "sessions", "bytes"};
    fputs("\nTimeline: traffic per hour\n", f);
    table(f, json_object_get(tl, "hourly"), kv, hv, 3);
    return ferror(f) ? -1 : 0;
}
