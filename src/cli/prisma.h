/* SPDX-License-Identifier: MIT */
/* prisma.h -- panctl prisma: the shared parts of its subcommands (output, sync into SQLite). */
#ifndef PANCTL_PRISMA_H
#define PANCTL_PRISMA_H

#include <stdio.h>
#include <panos/panos.h>

/* Where rows go: stdout, or a temporary file renamed over --out at the end. */
struct prisma_out {
    FILE *f;
    char *path, *tmp; /* --out and its temporary file; NULL on stdout */
    int csv;          /* CSV with a header line, else JSON lines */
    long rows;
    struct cli_rows *w; /* the CSV writer */
};

/* Open the destination (@p path NULL: stdout). Returns 0 or the exit status (error printed). */
int prisma_out_open(struct prisma_out *o, const char *path, int csv, int vulns);

/* One row. Return 0, or PANOS_E_IO / PANOS_E_NOMEM. */
int prisma_out_asset(struct prisma_out *o, const panos_prisma_asset *a);
int prisma_out_vuln(struct prisma_out *o, const panos_prisma_vuln *v);

/* Finish: @p ok keeps the file (rename over --out), else it is removed. Returns 0 or the exit
 * status. */
int prisma_out_close(struct prisma_out *o, int ok);

/* The parts of an asset as text: interfaces "eni-1=10.0.0.1/203.0.113.5;..." and the address
 * lists "a;b" (into @p buf, @p cap bytes). */
const char *prisma_nics_text(char *buf, size_t cap, const panos_prisma_asset *a);
const char *prisma_ips_text(char *buf, size_t cap, const char *const *ips, size_t n);

/* The text fields of an asset in the CSV's column order (also the database's), in @p v; the
 * joined lists are kept in @p t. */
#define PRISMA_ASSET_FIELDS 13
struct prisma_texts {
    char nics[2048], priv[1024], pub[1024];
};
void prisma_asset_fields(const char *v[PRISMA_ASSET_FIELDS], struct prisma_texts *t,
                         const panos_prisma_asset *a);

/* fix_date as RFC 3339 UTC ("" when 0) into @p buf. */
const char *prisma_date_text(char *buf, size_t cap, long long t);

/* panctl prisma sync --db FILE (prisma_sync.c): @p max_pages 0 = no limit. Exit status. */
int prisma_sync(panos_prisma *p, const char *db, long max_pages, size_t page_size);

/* Print the session's last error as "panctl: (N) NAME: [http N] message"; returns N. */
int prisma_fail(const panos_prisma *p, panos_code code);

#endif
