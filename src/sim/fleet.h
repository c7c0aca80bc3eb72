/* SPDX-License-Identifier: MIT */
/* fleet.h -- pansim --devices: the model/release/HA mix of a fleet and per-device faults. */
#ifndef PANSIM_FLEET_H
#define PANSIM_FLEET_H

#include <stddef.h>
#include "sim.h"

/* What --fault does to one device (index from 1, as in its hostname NAME-INDEX). */
enum sim_fault_kind {
    SIM_FAULT_NONE,
    SIM_FAULT_SLOW,
    SIM_FAULT_HANG,
    SIM_FAULT_FAIL,
    SIM_FAULT_DOWN
};
struct sim_fault {
    enum sim_fault_kind kind;
    long delay_ms; /* SIM_FAULT_SLOW */
};

/*
 * Parse one --fault argument "INDEX:slow=MS", "INDEX:hang", "INDEX:fail" or "INDEX:down" into
 * @p faults[INDEX - 1] (@p n entries; INDEX from 1 to @p n). Returns 0, or -1 with a one-line
 * reason in @p err.
 */
int sim_fleet_parse_fault(const char *arg, struct sim_fault *faults, size_t n, char *err,
                          size_t errlen);

/*
 * Device @p i (from 0) of a mixed fleet: pairs of devices (2k, 2k+1) share a model and release,
 * cycling PA-VM 10.2, PA-440 10.1, PA-3220 10.2, PA-5220 11.1, PA-5450 11.1, and every third
 * pair is an HA pair (2k active, 2k+1 passive).
 */
void sim_fleet_mix(struct sim_device_options *o, int i);

/* A loopback port nothing listens on (bound, then closed): what a device that is down shows.
 * Returns 0, or -1. */
int sim_fleet_closed_port(const char *addr, unsigned int *port);

#endif
