/* SPDX-License-Identifier: MIT */
/* simpcap.h -- pansim: the packet-capture exports (threat, filter, application and dlp pcaps). */
#ifndef PANSIM_SIMPCAP_H
#define PANSIM_SIMPCAP_H

#include <stddef.h>
#include "logstore.h"
#include "sim.h"

/* The DLP password pansim's data-filtering captures are protected with (docs/man/pansim.1). */
#define SIM_PCAP_DLP_PASSWORD "pansim-dlp"

/* A libpcap file (Ethernet, IPv4, TCP or UDP) of the session entry @p e names (src, dst, sport,
 * dport, proto, its time): malloc'd, NUL-terminated past @p len_out bytes. 0, or -1. */
int sim_pcap_build(const struct sim_logentry *e, char **buf_out, size_t *len_out);

/* Answer an authenticated type=export whose category is a pcap one, from the log store as it
 * is at @p now_ms. Returns 1 when it answered, 0 when the category is not a pcap one. */
int sim_pcap_handle(const struct sim_logstore *s, const struct sim_request *req, long long now_ms,
                    struct sim_reply *out);

#endif
