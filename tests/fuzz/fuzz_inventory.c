/* SPDX-License-Identifier: MIT */
/* fuzz_inventory.c -- libFuzzer entry: a panctl backup inventory file read by bk_inventory_read
 * (src/cli/backup_inv.c), then selected by name and label. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backup.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* panctl's diagnostics (msg.c) and .panrc state (panrc.c) are not what is fuzzed here: quiet
 * stand-ins that return what the real ones return. */
int cli_local_error(panos_code code, const char *msg)
{
    (void)msg;
    return (int)code;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    (void)cmd;
    (void)fmt;
    return 2;
}

void cli_rc_free(struct cli_ctx *ctx)
{
    (void)ctx;
}

static struct bk_dev devs[BK_MAX_DEVICES];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz_inventory.XXXXXX";
    if (fuzz_tempfile(path, data, size) != 0)
        return 0;
    size_t n = 0;
    if (bk_inventory_read(devs, &n, path) == 0) {
        const char *names[] = {"fw1"};
        const char *sels[] = {"site:hq", "role"};
        (void)bk_select(devs, n, names, 1, sels, 2);
        (void)bk_select(devs, n, NULL, 0, NULL, 0);
    }
    for (size_t i = 0; i < n; i++)
        bk_dev_free(&devs[i]);
    memset(devs, 0, n * sizeof(devs[0])); /* all that was touched, not 4096 devices */
    unlink(path);
    return 0;
}
