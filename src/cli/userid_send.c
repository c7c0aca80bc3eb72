/* SPDX-License-Identifier: MIT */
/* userid_send.c -- panctl userid: the batches sent by up to --parallel workers (one client
 * each), one the firewall refused or never answered retried once, and the report of every
 * batch. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "userid.h"
#include "pool.h"

/* What each message needs: the batches (each keeps its own result), the vsys, the terminal. */
struct send {
    struct uid_batches *b;
    const char *vsys;
    int tty;
};

/* "(9) API: [http 200] message" of @p c's last error into @p buf. */
static void error_line(char *buf, size_t len, panos_client *c, panos_code code)
{
    const panos_error *e = panos_client_last_error(c);
    char http[32] = "", api[32] = "";
    if (e && e->http_status > 0 && e->http_status != 200)
        snprintf(http, sizeof(http), "[http %ld] ", e->http_status);
    if (e && e->api_code >= 0)
        snprintf(api, sizeof(api), "[api %d] ", e->api_code);
    snprintf(buf, len, "(%d) %s: %s%s%s", (int)code, panos_code_name(code), http, api,
             e && e->message && e->message[0] ? e->message : panos_strerror(code));
}

static void keep_note(const char *section, const char *key, const char *message, void *payload)
{
    struct uid_batch *x = payload;
    (void)section;
    if (x->note1[0] == '\0')
        snprintf(x->note1, sizeof(x->note1), "%s: %s", key, message);
}

/* One attempt: PANOS_OK when the device applied the message (entries it skipped are notes). */
static panos_code attempt(struct uid_batch *x, panos_client *c, const char *vsys)
{
    panos_response *r = NULL;
    panos_code code = panos_userid_send(&r, c, x->msg.ptr, vsys);
    x->attempts++;
    x->notes = 0;
    x->note1[0] = '\0';
    if (code == PANOS_E_API && (x->notes = panos_uid_notes(r, keep_note, x)) > 0)
        code = PANOS_OK;
    if (code != PANOS_OK)
        error_line(x->error, sizeof(x->error), c, code);
    panos_response_free(r);
    return code;
}

static int fatal(panos_code code)
{
    return code == PANOS_E_AUTH || code == PANOS_E_KEY_EXPIRED || code == PANOS_E_FORBIDDEN ||
           code == PANOS_E_TLS;
}

/*
 * Send a failed message once more only when the firewall did not act on it: it refused it (an
 * error answer, or HTTP 429 or 503), or it never answered (no HTTP status: the connection
 * failed; a message that did arrive is then applied again, which only refreshes its entries).
 * A message answered with a cut or unreadable answer may be applied already and is not resent;
 * a timeout has used up the --deadline, and a second try would only hide why.
 */
static int worth_resending(panos_code code, panos_client *c)
{
    const panos_error *e = panos_client_last_error(c);
    if (code == PANOS_E_API || code == PANOS_E_RATE_LIMITED || code == PANOS_E_UNAVAILABLE)
        return 1;
    return code == PANOS_E_TRANSPORT && (e == NULL || e->http_status == 0);
}

/* One message, once more when worth it; nonzero (stop the pool) for a failure no other
 * message can escape (refused key, TLS): send no more. */
static int send_one(void *payload, size_t i, panos_client *c)
{
    struct send *s = payload;
    struct uid_batch *x = &s->b->v[i];
    x->code = attempt(x, c, s->vsys);
    if (x->code != PANOS_OK && !fatal(x->code) && worth_resending(x->code, c))
        x->code = attempt(x, c, s->vsys); /* once more, then it is named */
    return fatal(x->code);
}

static void sent(void *payload, size_t i, size_t ndone)
{
    const struct send *s = payload;
    (void)i;
    if (s->tty)
        fprintf(stderr, "\r\033[Kpanctl: userid: %zu/%zu messages sent", ndone, s->b->n);
}

/* "lines 1-1000" or "line 7" (arguments: "entry 1"). */
static void span(char *buf, size_t len, const struct uid_batch *x)
{
    if (x->first == x->last)
        snprintf(buf, len, "line %zu", x->first);
    else
        snprintf(buf, len, "lines %zu-%zu", x->first, x->last);
}

/* The report on stdout: one line per batch, then the summary. Returns the exit status. */
static int report(const struct uid_batches *b)
{
    size_t ok = 0, failed = 0, lost = 0, notes = 0;
    int rc = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct uid_batch *x = &b->v[i];
        char where[64];
        span(where, sizeof(where), x);
        printf("message %zu (%s, %zu entr%s): ", i + 1, where, x->entries,
               x->entries == 1 ? "y" : "ies");
        if (x->attempts == 0) {
            printf("NOT SENT (an earlier message failed for good)\n");
        } else if (x->code != PANOS_OK) {
            printf("FAILED%s: %s\n", x->attempts > 1 ? " twice" : "", x->error);
        } else {
            printf("applied%s", x->attempts > 1 ? " on the retry" : "");
            if (x->notes > 0)
                printf(", %zu entr%s skipped (%s%s)", x->notes, x->notes == 1 ? "y" : "ies",
                       x->note1, x->notes > 1 ? ", ..." : "");
            putchar('\n');
        }
        if (x->attempts > 0 && x->code == PANOS_OK) {
            ok++;
            notes += x->notes;
        } else {
            failed++;
            lost += x->entries;
            if (rc == 0)
                rc = x->attempts == 0 ? PANOS_E_FAILED : (int)x->code;
        }
    }
    printf("%s: %zu entr%s in %zu message%s: %zu applied, %zu failed", b->label, b->total,
           b->total == 1 ? "y" : "ies", b->n, b->n == 1 ? "" : "s", ok, failed);
    if (notes > 0)
        printf("; %zu entr%s skipped by the firewall", notes, notes == 1 ? "y" : "ies");
    if (lost > 0)
        printf("; %zu entr%s NOT applied", lost, lost == 1 ? "y" : "ies");
    putchar('\n');
    if (rc != 0)
        cli_error("userid %s: %zu of %zu message%s failed (%zu entr%s not applied)", b->label,
                  failed, b->n, b->n == 1 ? "" : "s", lost, lost == 1 ? "y" : "ies");
    return rc;
}

int uid_send_all(struct cli_ctx *ctx, struct uid_batches *b, const char *vsys, int parallel)
{
    struct send s = {.b = b, .vsys = vsys, .tty = isatty(STDERR_FILENO)};
    panos_client *clients[UID_PARALLEL_MAX] = {ctx->client};
    size_t nclients = 1;
    int rc = 0;
    /* A clone that cannot be made (out of memory) stops the command before anything is sent,
     * its error printed; with basic auth there is no clone and the first client sends all. */
    for (int i = 1; i < parallel && (size_t)i < b->n; i++, nclients++)
        if ((rc = cli_connect_clone(ctx, &clients[i])) != 0 || clients[i] == NULL)
            break;
    const struct cli_pool p = {.clients = clients,
                               .nclients = nclients,
                               .n = b->n,
                               .run = send_one,
                               .done = sent,
                               .payload = &s};
    if (rc == 0)
        cli_pool_run(&p);
    for (size_t i = 1; i < nclients; i++)
        panos_client_free(clients[i]);
    if (rc != 0)
        return rc;
    if (s.tty)
        fputs("\r\033[K", stderr);
    return report(b);
}
