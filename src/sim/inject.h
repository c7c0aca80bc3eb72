/* SPDX-License-Identifier: MIT */
/* inject.h -- pansim --inject: scripted replies that stand in for chosen requests of the device. */
#ifndef PANSIM_INJECT_H
#define PANSIM_INJECT_H

#include <stddef.h>
#include "script.h"
#include "sim.h"

struct sim_inject;

/*
 * Load the "%% reply" sections of the case-format file @p path (script.h, with the selectors
 * match=, nth=, after=, device= and pass=) into @p out, freed with sim_inject_free().
 * Returns 0, or -1 with a one-line reason naming the file in @p err.
 */
int sim_inject_load(struct sim_inject **out, const char *path, char *err, size_t errlen);

/*
 * The reply that answers @p req, a request to device @p device (1-based; 1 without --devices),
 * or NULL when the device answers it. Each reply counts the requests its match= and device=
 * select (every request when it has neither); the first, in file order, whose nth= or after=
 * holds for this count answers. Thread-safe; the reply is borrowed until sim_inject_free().
 */
const struct sim_script_reply *sim_inject_pick(struct sim_inject *in,
                                               const struct sim_request *req, long device);

/* Free everything sim_inject_load() allocated. Accepts NULL. */
void sim_inject_free(struct sim_inject *in);

#endif
