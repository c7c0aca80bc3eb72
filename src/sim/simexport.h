/* SPDX-License-Identifier: MIT */
/* simexport.h -- type=export answers and the generated configuration padding (--config-size). */
#ifndef PANSIM_SIMEXPORT_H
#define PANSIM_SIMEXPORT_H

#include "simstate.h"

/* Add generated address objects and security rules to the candidate and running trees until
 * each serialises to about @p bytes more (0: nothing). Deterministic in @p seed. 0 or -1. */
int sim_export_pad(struct sim_config *cfg, size_t bytes, unsigned long seed);

/* Answer an authenticated type=export request as PAN-OS does (configuration, certificate,
 * device-state); @p master_key opens the private keys kept in the config. Not thread-safe: the
 * device serialises calls. */
void sim_export_handle(const struct sim_config *cfg, const char *master_key,
                       const struct sim_request *req, struct sim_reply *out);

#endif
