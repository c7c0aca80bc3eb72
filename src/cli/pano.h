/* SPDX-License-Identifier: MIT */
/* pano.h -- panctl's Panorama parts: the managed firewalls (show devices), their inventory, and
 * the fan-out of one request to each of them through Panorama (target=SERIAL). */
#ifndef PANCTL_PANO_H
#define PANCTL_PANO_H

#include <stddef.h>
#include <stdio.h>
#include "cli.h"

/* The fields of one managed firewall, as show devices names them; "" when absent. */
enum {
    PANO_SERIAL,
    PANO_HOSTNAME,
    PANO_IP,
    PANO_MODEL,
    PANO_VERSION,
    PANO_HA,
    PANO_HA_PEER,
    PANO_CONNECTED,
    PANO_CERT,
    PANO_LAST_COMMIT,
    PANO__NFIELDS
};

/* Their names in JSON, CSV and the table (in that order). */
extern const char *const cli_pano_cols[PANO__NFIELDS];

struct cli_pano_devs {
    char *(*v)[PANO__NFIELDS]; /* n rows of malloc'd strings */
    size_t n;
};

/*
 * Ask the connected Panorama for show devices all (or connected when @p connected_only) into
 * @p out. Returns 0, or the exit status after printing the error (a host that does not know
 * the command is named as probably not a Panorama).
 */
int cli_pano_devices(struct cli_ctx *ctx, int connected_only, struct cli_pano_devs *out);
void cli_pano_devs_free(struct cli_pano_devs *d);

/* Write the inventory of @p d (panctl backup's format, one target=SERIAL line per connected
 * firewall, reached through the Panorama of @p ctx) to @p path, atomically, 0600. 0 or the
 * exit status (error printed). */
int cli_pano_inventory_write(const struct cli_ctx *ctx, const struct cli_pano_devs *d,
                             const char *path);
/* The same inventory as text into *@p buf (malloc'd, @p len bytes). 0 or the exit status. */
int cli_pano_inventory_text(const struct cli_ctx *ctx, const struct cli_pano_devs *d, char **buf,
                            size_t *len);

/* The --parallel bound of the fan-out: 2 by default, at most 5 (all requests go through one
 * Panorama). Parses @p arg for @p cmd into *@p out; a warning above 2. 0 or the exit status. */
#define CLI_FANOUT_DEFAULT 2
#define CLI_FANOUT_MAX 5
int cli_fanout_parallel(const char *cmd, const char *arg, long *out);

/*
 * Send @p params (type=op&cmd=..., no target) to every connected firewall of the Panorama of
 * @p ctx (connected), @p parallel at a time, target=SERIAL each; print one result per firewall
 * as it arrives (JSON lines keyed by serial with -o json, a section per firewall otherwise), a
 * summary line on stderr. Returns 0 when every firewall answered, 1 (FAILED) when any failed,
 * or the exit status of a failure before the fan-out.
 */
int cli_fanout(struct cli_ctx *ctx, const char *what, const panos_param *params, size_t nparams,
               const char *cmd_xml, long parallel);


#endif
