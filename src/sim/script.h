/* SPDX-License-Identifier: MIT */
/* script.h -- pansim's scripted mode: the case file's "%% reply N" answers, in request order. */
#ifndef PANSIM_SCRIPT_H
#define PANSIM_SCRIPT_H

#include <stddef.h>

/* match= words a reply may have (--inject). */
#define SIM_SCRIPT_MAX_MATCH 4

/*
 * One scripted answer, from "%% reply N [ARGS]" with the "%% server [ARGS]" defaults applied
 * first. ARGS are blank-separated words name=value; a value may be double-quoted to hold blanks
 * (reason="Too Many Requests"; no escapes inside the quotes). An unknown name, a bad number or
 * an out-of-range value is a load error that names it.
 *
 * The body is sent exactly as the section body: after %include, and without the newline that
 * ends the section's last line (the case format drops it). No newline is added back, unlike the
 * bodies runcase writes or compares: recorded replies must go out byte for byte
 * (tests/cases/replies/auth-403-invalid-credential.xml is 97 bytes with no newline, 0025). A
 * reply that needs a final newline has it in the included file or ends its section with an
 * empty line. For symmetry with the other sections the bare word "nonewline" is accepted and
 * changes nothing.
 */
struct sim_script_reply {
    unsigned int status; /* status=, 100..599, default 200 */
    char *reason;        /* reason="..." HTTP reason phrase, NULL = the default for status */
    char *content_type;  /* content-type=, NULL = "application/xml; charset=UTF-8" */
    long retry_after;    /* retry-after= seconds, -1 = no Retry-After header */
    long delay_ms;       /* delay-ms= to wait before answering, default 0 */
    long truncate;       /* truncate=N: Content-Length of the whole body, only N bytes, close;
                            N < len; -1 = send everything */
    int reset;           /* reset=1: close the connection without any answer (default 0) */
    int hang;            /* hang=1: never answer; give up when the client closes or pansim stops */
    long drip_ms;        /* drip-ms=MS: send the body one byte every MS ms, 0 = at once */
    long fill;           /* fill=N: N blanks before the body (a huge but well-formed answer) */
    char *attachment;    /* attachment=NAME: Content-Disposition: attachment; filename=NAME */
    char *body;          /* the section body (after %include), NUL-terminated */
    size_t len;          /* bytes in body, without the NUL */
    /* Selectors, only in an --inject file (inject.h): which of the device's requests get this
     * reply instead of the device's answer. */
    char *match[SIM_SCRIPT_MAX_MATCH]; /* match=NAME=VALUE (equal) or NAME~TEXT (contains) */
    size_t nmatch;
    long nth;    /* nth=N: only the Nth request selected (1-based); 0 = every one */
    long after;  /* after=N: the requests selected after the first N; 0 = every one */
    long device; /* device=I: only device I of --devices (1-based); 0 = any */
    int pass;    /* pass=1: the device's own answer, cut by truncate= or sent by drip-ms= */
};

struct sim_script;

/*
 * Load the replies of the case file @p case_path into @p out (owned by the caller, freed with
 * sim_script_free()). "%% reply N" numbers must run 1..count with no duplicates; at most one
 * "%% server" section, with an empty body. A case without reply sections loads with no replies.
 * Returns 0, or -1 with a one-line reason naming the file in @p err.
 */
int sim_script_load(struct sim_script **out, const char *case_path, char *err, size_t errlen);

/*
 * As sim_script_load(), for pansim --inject: the replies may also carry the selectors match=,
 * nth=, after=, device= and pass= (refused by sim_script_load(), where replies answer in order).
 */
int sim_script_load_selectors(struct sim_script **out, const char *path, char *err, size_t errlen);

/* How many replies @p s holds. */
size_t sim_script_count(const struct sim_script *s);

/*
 * The reply to request number @p n (1-based), or NULL when the case has no reply @p n.
 * Borrowed: valid until sim_script_free(). Read-only, so safe to call from several threads.
 */
const struct sim_script_reply *sim_script_reply_for(const struct sim_script *s, size_t n);

/* Free everything sim_script_load() allocated. Accepts NULL. */
void sim_script_free(struct sim_script *s);

#endif
