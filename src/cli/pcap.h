/* SPDX-License-Identifier: MIT */
/* pcap.h -- panctl pcap: what the options say, and the parts cmd_pcap_logs.c holds. */
#ifndef PANCTL_PCAP_H
#define PANCTL_PCAP_H

#include <stddef.h>
#include "cli.h"

struct cli_pcap_args {
    const char *what, *name, *out, *pcap_id, *search_time, *serial, *device, *session;
    const char *query, *dlp_file;
    long utc_offset; /* seconds east of UTC */
    long long count;
    int all, utc_set, count_set;
};

/* @p name's last part, made safe for a file name ([A-Za-z0-9._-], no leading dot), after
 * @p prefix, ending in .pcap, into @p buf. */
void cli_pcap_file_name(char *buf, size_t len, const char *prefix, const char *name);
/* type=export&category=@p category with @p p into @p path (atomic, 0600); prints the path.
 * Connected. 0 or the exit status. */
int cli_pcap_download(struct cli_ctx *ctx, const char *category, const panos_param *p, size_t n,
                      const char *path);
/* A listing (no from=, or from=DIR): one line per file, DIR/ per directory. Connected. */
int cli_pcap_list(struct cli_ctx *ctx, const char *category, const panos_param *p, size_t n);
/* list threat (@p get 0): the threat logs with a capture; get threat --all (@p get 1): their
 * captures, one after another. Connects. */
int cli_pcap_threat_logs(struct cli_ctx *ctx, const struct cli_pcap_args *a, int get);

/* One download of get --all: its parameters (borrowed), its file, and how it went. */
struct cli_pcap_job {
    panos_param p[4];
    size_t np;
    char path[64];
    panos_code code;
    char error[512]; /* "(N) NAME: [http N] message" when code is not PANOS_OK */
};
/* Download every job, at most 2 at once (the second on a cli_connect_clone() client), each to
 * its path (atomic, 0600); then print the paths done, in order, and name each failure on
 * stderr. Connected. 0, or the exit status of the first failure. */
int cli_pcap_fetch_all(struct cli_ctx *ctx, const char *category, struct cli_pcap_job *jobs,
                       size_t n);
/* Whether the listings print JSON (-o json); a usage error for -o xml or csv. */
int cli_pcap_json(const struct cli_ctx *ctx, int *json);

#endif
