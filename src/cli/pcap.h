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

#endif
