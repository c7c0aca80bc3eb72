/* SPDX-License-Identifier: MIT */
/* fuzz_macvendor.c -- libFuzzer entry: an IEEE registry CSV (oui.csv, and mam.csv after the
 * first NUL byte) loaded by panos_macvendor_load, then looked up. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <panos/macvendor.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int put(const char *dir, const char *name, const uint8_t *data, size_t size)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(data, 1, size, f);
    return fclose(f) == 0 && w == size ? 0 : -1;
}

static void drop(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const macs[] = {"00:1b:17:00:00:01", "70-B3-D5-00-00-01", "0050.5600.0001",
                                       "3c:a8:2a:10:20:30", "ffffffffffff"};
    char dir[] = "/tmp/fuzz_macvendor.XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 0;
    const uint8_t *nul = memchr(data, '\0', size);
    size_t first = nul ? (size_t)(nul - data) : size;
    int ok = put(dir, "oui.csv", data, first) == 0;
    if (ok && nul)
        ok = put(dir, "mam.csv", nul + 1, size - first - 1) == 0;
    panos_macvendor *db = NULL;
    char err[256];
    if (ok && panos_macvendor_load(&db, dir, err, sizeof(err)) == PANOS_OK) {
        for (size_t i = 0; i < sizeof(macs) / sizeof(macs[0]); i++) {
            panos_macvendor_info info;
            if (panos_macvendor_lookup(&info, db, macs[i]) == PANOS_OK && info.vendor)
                (void)strlen(info.vendor);
        }
        panos_macvendor_free(db);
    }
    drop(dir, "oui.csv");
    drop(dir, "mam.csv");
    rmdir(dir);
    return 0;
}
