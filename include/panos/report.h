/* SPDX-License-Identifier: MIT */
/* report.h -- type=report: dynamic, predefined and custom reports, following the report job. */
#ifndef PANOS_REPORT_H
#define PANOS_REPORT_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "client.h"
#include "response.h"
#include "commit.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PANOS_REPORT_OPTIONS_VERSION 1

/** Which report (PAN-OS XML API guide, "Get Reports (API)"). Strings are borrowed for the call. */
typedef struct panos_report_options {
    unsigned int version; /**< PANOS_REPORT_OPTIONS_VERSION */
    const char *type;     /**< reporttype: "dynamic", "predefined" or "custom" */
    const char *name;     /**< reportname */
    const char *period;   /**< dynamic: period= ("last-24-hrs"); NULL: the device's default */
    unsigned topn;        /**< topn=; 0: the device's default */
    const char *vsys;     /**< vsys=; NULL: none */
    long interval_ms;     /**< between polls of the report job; 0 = 2000 */
    panos_job_progress_fn progress; /**< after every poll; NULL for none */
    void *progress_payload;
} panos_report_options;

/* clang-format off */
#define PANOS_REPORT_OPTIONS_INIT {PANOS_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, 0, NULL, 0, \
                                   NULL, NULL}
/* clang-format on */

/** Fill @p o as PANOS_REPORT_OPTIONS_INIT does. */
PANOS_EXTERN void panos_report_options_init(panos_report_options *o);

/**
 * Run a report: type=report with async=yes, then, when the firewall answers with a job, poll
 * type=report&action=get&job-id=N every interval until it is FIN. The client's deadline bounds
 * the whole run.
 * @param[out] out the answer that holds the <report> (free with panos_response_free()); NULL
 *             on failure.
 * @return PANOS_OK; PANOS_E_INVALID_ARG (no type or name, an unknown type); PANOS_E_JOB_FAILED
 *         when the job ends with another result than OK (its details in the last error);
 *         PANOS_E_PARSE when an answer holds neither a report nor a job; PANOS_E_TIMEOUT; the
 *         classes of panos_request(). Not thread-safe on one client.
 */
PANOS_EXTERN panos_code panos_report_run(panos_response **out, panos_client *c,
                                         const panos_report_options *o);

#ifdef __cplusplus
}
#endif

#endif
