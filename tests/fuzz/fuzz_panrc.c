/* SPDX-License-Identifier: MIT */
/* fuzz_panrc.c -- libFuzzer entry: a .panrc (and a secret file) read back through panos_rc_load. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <panos/rc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Look every variable panctl reads up, so a bad pointer shows under ASan. */
static void load(const char *path, const char *tag)
{
    static const char *const vars[] = {"hostname", "api_key", "api_username", "api_password",
                                       "port", "serial", "nosuch"};
    char err[256];
    panos_rc *rc = NULL;
    size_t n = 0;

    if (panos_rc_load(&rc, path, tag, err, sizeof(err)) != PANOS_OK)
        return;
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = panos_rc_get(rc, vars[i]);
        n += v != NULL ? strlen(v) : 0;
    }
    (void)n;
    panos_rc_free(rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* mkstemp makes the file 0600, as panos_rc_load demands. */
    char path[] = "/tmp/fuzz_panrc.XXXXXX";
    int fd = mkstemp(path);
    char err[256];
    panos_buf secret = PANOS_BUF_INIT;

    if (fd < 0)
        return 0;
    if (write(fd, data, size) == (ssize_t)size) {
        load(path, NULL);
        load(path, "fw1");
        load(path, "a-b_c");
        if (panos_secret_read_file(&secret, path, err, sizeof(err)) == PANOS_OK)
            panos_buf_dispose_secret(&secret);
    }
    close(fd);
    unlink(path);
    return 0;
}
