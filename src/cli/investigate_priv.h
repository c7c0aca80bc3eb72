/* SPDX-License-Identifier: MIT */
/* investigate_priv.h -- panctl investigate: the state its files share. */
#ifndef PANCTL_INVESTIGATE_PRIV_H
#define PANCTL_INVESTIGATE_PRIV_H

#include <stdarg.h>
#include <panos/log.h>
#include <panos/macvendor.h>
#include <panos/panos.h>
#include "investigate.h"

struct cli_ctx;

enum inv_kind { INV_IPV4, INV_IPV6, INV_MAC };

/* One investigation: what is known of the host so far, and the report being built. */
struct inv {
    struct cli_ctx *ctx;
    enum inv_kind kind;
    const char *query; /* as given */
    char ip4[64], ip6[64], mac[32], hostname[128], user[256];
    char now_text[20];      /* the firewall's clock, 'YYYY/MM/DD HH:MM:SS' */
    char since_text[20];    /* start of the window, same form */
    long long now, since;   /* epoch seconds of the firewall's wall clock, as if UTC */
    int seen;               /* some table or log knew the host */
    unsigned long requests; /* op commands and log queries made (a log query: one job) */
    json_t *facts;          /* [{source, time, fact}] */
    int parallel;           /* log queries at once (--parallel) */
};

/* Where the MAC's vendor comes from: the IEEE registries in @p dir (NULL: the default), and
 * with --online-vendor the online lookup at @p url (NULL: macvendors.com), @p handle. */
struct inv_vendor {
    const char *dir, *url;
    int online;
    panos_macvendor_online *handle;
};
/* Check the vendor options and open the online lookup (with its cache) when asked: before any
 * request. 0, or the exit status (printed). */
int inv_vendor_open(struct inv_vendor *o);
/* The identity object of the report: addresses, hostname, user and the MAC's vendor. */
json_t *inv_identity(const struct inv *v, const struct inv_vendor *o);

void inv_fact(struct inv *v, const char *source, const char *time, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* ARP, IPv6 neighbours, DHCP leases, User-ID: fill the host's identity and facts. */
panos_code inv_assets(struct inv *v);

/* One row of a CLI text table: its fields in the order of the columns asked for, and the
 * interface of the 'interface: "NAME"' line above it ("" when none). */
typedef void (*inv_row_fn)(struct inv *v, const char *const *fields, const char *section);
/* Call @p fn with each row of the text table @p text whose first field is an IP address,
 * the columns (at most 8) placed by the header line that names @p cols in order. */
void inv_text_rows(struct inv *v, const char *text, const char *const *cols, size_t ncols,
                   inv_row_fn fn);

/* Log queries in flight at once at most (--parallel), each on its own client. */
#define INV_MAX_PARALLEL 2

/* One log query: @p fn gets each entry with @p payload, which no other query touches. */
struct inv_query {
    const char *type; /* log type: system, traffic, threat */
    char filter[512];
    panos_log_entry_fn fn;
    void *payload;
    panos_code code;      /* its result, once run */
    panos_client *client; /* the client it ran on (for the error) */
};

/* Run the @p n queries, at most @p nclients at once, each on a client of @p clients not busy
 * with another; the first client on the calling thread. Returns when all have finished. */
void inv_run_queries(struct inv_query *q, size_t n, panos_client *const *clients, size_t nclients);

#endif
