/* SPDX-License-Identifier: MIT */
/* test_transport.c -- transfers without a server: the User-Agent, a refused connection. */
#include <stdio.h>
#include <string.h>
#include <panos/panos.h>
#include "transport.h"
#include "check.h"
#include "closedport.h"

/* The User-Agent names the library and libcurl, not a front end. */
static void test_user_agent(void **state)
{
    (void)state;
    const char *ua = panos__transport_user_agent();
    const char *lib = "libpanos/" PANOS_VERSION_STRING " libcurl/";
    CHECK_TRUE(strncmp(ua, lib, strlen(lib)) == 0);
    CHECK_TRUE(strlen(ua) > strlen(lib));
    CHECK_TRUE(strstr(ua, "panctl") == NULL);
}

/* A loopback URL on a port nothing listens on: connecting to it is refused. */
static void closed_port_url(char *url, size_t len)
{
    snprintf(url, len, "http://127.0.0.1:%u/api/", closed_port());
}

static void setup_xfer(struct panos__xfer *x, struct panos__easy *e, const char *url)
{
    panos__xfer_init(x);
    x->easy = e;
    x->url = url;
    x->body = "type=version";
    x->body_len = strlen(x->body);
    x->max_bytes = 1 << 20;
    x->connect_timeout_ms = 2000;
    x->timeout_ms = 5000;
    panos__xfer_add_header(x, "X-Test: 1");
}

static int done_calls;

static void on_done(void *payload, struct panos__xfer *x)
{
    (void)payload;
    (void)x;
    done_calls++;
}

/* The same failure is finished the same way whether an easy or a multi handle drove it. */
static void test_refused_easy_and_multi(void **state)
{
    (void)state;
    char url[64];
    closed_port_url(url, sizeof(url));
    struct panos__easy *e1 = NULL, *e2 = NULL;
    CHECK_OK(panos__easy_new(&e1));
    CHECK_OK(panos__easy_new(&e2));

    struct panos__xfer a, b;
    setup_xfer(&a, e1, url);
    CHECK_CODE(PANOS_E_TRANSPORT, panos__xfer_perform(&a));
    CHECK_EQ(PANOS__XFER_CURL, a.fail);
    CHECK_EQ(0, (int)a.http_status);
    CHECK_TRUE(a.message[0] != '\0');

    struct panos__multi *m = NULL;
    CHECK_OK(panos__transport_multi_new(&m, 2, 0));
    setup_xfer(&b, e2, url);
    b.done = on_done;
    done_calls = 0;
    CHECK_OK(panos__transport_multi_add(m, &b));
    CHECK_OK(panos__transport_multi_run(m));
    CHECK_EQ(1, done_calls);
    CHECK_EQ(a.code, b.code);
    CHECK_EQ(a.fail, b.fail);
    CHECK_EQ(0, (int)b.http_status);
    CHECK_TRUE(b.message[0] != '\0');
    CHECK_OK(panos__transport_multi_run(m)); /* nothing left: returns at once */

    /* A transfer left in a multi handle that is freed is taken back, unfinished. */
    panos__xfer_dispose(&b);
    setup_xfer(&b, e2, url);
    CHECK_OK(panos__transport_multi_add(m, &b));
    panos__transport_multi_free(m);

    panos__xfer_dispose(&a);
    panos__xfer_dispose(&b);
    panos__easy_free(e1);
    panos__easy_free(e2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_user_agent),
        cmocka_unit_test(test_refused_easy_and_multi),
    };
    panos_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
