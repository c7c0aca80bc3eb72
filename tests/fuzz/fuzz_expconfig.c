/* SPDX-License-Identifier: MIT */
/* fuzz_expconfig.c -- libFuzzer entry: a panos_exporter configuration file (INI) read by
 * exp_config_load, every target and module looked up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* mkstemp makes the file 0600, as the exporter demands of its configuration. */
    char path[] = "/tmp/fuzz_expconfig.XXXXXX";
    if (fuzz_tempfile(path, data, size) != 0)
        return 0;
    struct exp_config c;
    char err[512];
    if (exp_config_load(&c, path, err, sizeof(err)) == 0) {
        (void)exp_config_target(&c, "fw1");
        (void)exp_config_module(&c, "default");
        exp_config_free(&c);
    }
    unlink(path);
    return 0;
}
