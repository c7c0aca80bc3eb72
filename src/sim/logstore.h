/* SPDX-License-Identifier: MIT */
/* logstore.h -- pansim's generated log store: entry N of a log type is a pure function of (seed, N). */
#ifndef PANSIM_LOGSTORE_H
#define PANSIM_LOGSTORE_H

#include <stddef.h>
#include <stdio.h>

enum sim_logtype { SIM_LOG_TRAFFIC, SIM_LOG_THREAT, SIM_LOG_SYSTEM, SIM_LOG_CONFIG,
                   SIM_LOG_URL, SIM_LOG_USERID, SIM_LOG_GLOBALPROTECT, SIM_LOG_DECRYPTION,
                   SIM_LOG__COUNT };

/* "traffic" -> SIM_LOG_TRAFFIC; -1 for a type the store does not hold. */
int sim_logtype_from_name(const char *name);

#define SIM_LOG_MAX_FIELDS 112
#define SIM_LOG_VALUE_MAX 128

/* One generated entry: fields in the order PAN-OS sends them. */
struct sim_logentry {
    unsigned long long seqno; /* 1-based, per type */
    long long time_ms;        /* receive_time, epoch ms (the device clock is UTC) */
    char logid[24];
    size_t n;
    struct {
        const char *name;
        char value[SIM_LOG_VALUE_MAX];
        const char *attrs; /* raw attribute text for the element ("cc=\"US\" code=\"US\""), or NULL */
    } f[SIM_LOG_MAX_FIELDS];
};

/* Value of field @p name, or NULL. */
const char *sim_logentry_get(const struct sim_logentry *e, const char *name);

struct sim_logstore_options {
    unsigned long seed;
    unsigned long long initial[SIM_LOG__COUNT]; /* entries that exist at t0 */
    double rate_per_s;      /* new traffic entries per second after t0 (others: a tenth) */
    long long t0_ms;        /* the store's creation time (epoch ms) */
    long long span_s;       /* the initial entries spread over this many seconds before t0 */
    const char *serial;
    const char *device_name;
};

struct sim_logstore;

int sim_logstore_new(struct sim_logstore **out, const struct sim_logstore_options *o);
void sim_logstore_free(struct sim_logstore *s);

/* The device name the entries carry (device_name; the <meta> hostname of a log answer). */
const char *sim_logstore_device_name(const struct sim_logstore *s);

/* Number of entries of @p type that exist at @p now_ms (they only ever grow). */
unsigned long long sim_logstore_count(const struct sim_logstore *s, enum sim_logtype type,
                                      long long now_ms);

/* Generate entry @p index (0-based; seqno = index + 1) of @p type into @p e. */
void sim_logstore_entry(const struct sim_logstore *s, enum sim_logtype type,
                        unsigned long long index, struct sim_logentry *e);

/* ---- The filter language (PAN-OS XML API guide, "Retrieve Logs (API)"; pango xmlapi/log.go;
 * demisto/content Panorama.py) ---- */

struct sim_filter;

/* Parse @p query. Returns 0, or -1 with a one-line reason (position included) in @p err. */
int sim_filter_parse(struct sim_filter **out, const char *query, char *err, size_t errlen);
void sim_filter_free(struct sim_filter *f);
/* 1 if @p e matches; @p now_ms serves "receive_time in last-N-hrs". A NULL filter matches all. */
int sim_filter_match(const struct sim_filter *f, const struct sim_logentry *e, long long now_ms);
/* Bounds on seqno implied by top-level and-ed terms ((seqno geq 'N'), (seqno leq 'N')), so a
 * scan can start in the right place: lo..hi inclusive, 1..ULLONG_MAX when unbounded. */
void sim_filter_seqno_bounds(const struct sim_filter *f, unsigned long long *lo,
                             unsigned long long *hi);

/* The pcap_id a threat entry with a capture carries: its time and its seqno (simpcap.c). */
unsigned long long sim_log_pcap_id(const struct sim_logentry *e);

#endif
