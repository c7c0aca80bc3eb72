/* SPDX-License-Identifier: MIT */
/* check_key.c -- panctl check key: days until the API key panctl would use expires. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check_core.h"
#include "cli.h"

/* The key as cli_connect() would pick it: --key-file, --key, PANCTL_API_KEY, then the .panrc
 * (-t TAG or untagged). Returns 0 with the key in @p out (may stay empty), or -1 (UNKNOWN set). */
static int key_of(struct chk *c, panos_buf *out)
{
    struct cli_ctx *ctx = c->ctx;
    const char *env = getenv("PANCTL_API_KEY");
    const char *k = NULL;
    if (ctx->key_file) {
        char err[512] = "";
        if (panos_secret_read_file(out, ctx->key_file, err, sizeof(err)) != PANOS_OK) {
            chk_unknown(c, "%s", err);
            return -1;
        }
        return 0;
    }
    if (ctx->key_arg)
        k = ctx->key_arg;
    else if (env && env[0])
        k = env;
    else if (cli_rc_load(ctx, 1) != 0) {
        chk_unknown(c, "%s", "cannot read the .panrc (see stderr)");
        return -1;
    } else {
        k = cli_rc_first(ctx, "api_key", NULL);
    }
    if (k && k[0]) {
        size_t n = strlen(k);
        out->ptr = malloc(n + 1);
        if (out->ptr == NULL) {
            chk_unknown(c, "%s", "out of memory");
            return -1;
        }
        memcpy(out->ptr, k, n + 1);
        out->size = n;
    }
    return 0;
}

/*
 * PAN-OS 9.0+ keys carry their expiry, readable with the master key that made them (the key
 * audit of panctl key; PAN-OS 9.0 Administrator's Guide, "API Key Lifetime"). Only the factory
 * master key can be tried here: with another one the lifetime is not knowable, so UNKNOWN.
 * No request is sent.
 */
void chk_probe_key(struct chk *c)
{
    panos_buf key = PANOS_BUF_INIT;
    panos_apikey_info info;
    memset(&info, 0, sizeof(info));
    if (key_of(c, &key) != 0)
        goto done;
    while (key.size > 0 && strchr(" \t\r\n", key.ptr[key.size - 1]))
        key.ptr[--key.size] = '\0';
    if (key.size == 0) {
        chk_unknown(c, "%s", "no API key: use --key-file FILE, -t TAG or PANCTL_API_KEY");
        goto done;
    }
    if (panos_apikey_decode(&info, key.ptr, NULL) != PANOS_OK) {
        chk_unknown(c, "%s", "cannot decode the API key");
    } else if (info.format != PANOS_APIKEY_ENVELOPE) {
        chk_unknown(c, "%s",
                    "the API key is not in the PAN-OS key format: its lifetime is "
                    "not knowable");
    } else if (!info.opened) {
        chk_unknown(c, "%s",
                    "the API key does not open with the default master key: its "
                    "lifetime is not knowable");
    } else if (info.layout != PANOS_APIKEY_LAYOUT_V90 || info.expiry_ms < 0) {
        chk_say(c, "%s", "the API key never expires");
    } else {
        long long left = info.expiry_ms / 1000 - c->now;
        double days = (double)(left / 86400); /* whole days, toward zero */
        chk_value(c, "key_days_left", days, "d", NAN, NAN);
        if (left < 0)
            chk_say(c, "the API key expired %.0f days ago", -days);
        else
            chk_say(c, "the API key expires in %.0f days", days);
    }
done:
    panos_apikey_info_clear(&info);
    if (key.ptr)
        panos_wipe(key.ptr, key.size);
    panos_buf_dispose(&key);
}
