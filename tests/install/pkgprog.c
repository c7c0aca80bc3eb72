/* SPDX-License-Identifier: MIT */
/* pkgprog.c -- a program outside the tree, built with nothing but pkg-config libpanos: it
 * checks the library it runs with against its headers, prints the versions, and with HOST PORT
 * asks that firewall (plain HTTP, the API key on stdin) for show system info's hostname. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/panos.h>

static int ask_hostname(const char *host, const char *port)
{
    char key[512];
    if (fgets(key, sizeof(key), stdin) == NULL) {
        fputs("pkgprog: no API key on stdin\n", stderr);
        return 2;
    }
    key[strcspn(key, "\r\n")] = '\0';
    panos_client_options opts = PANOS_CLIENT_OPTIONS_INIT;
    opts.host = host;
    opts.port = (unsigned int)strtoul(port, NULL, 10);
    opts.use_http = 1;
    panos_client *c = NULL;
    panos_response *r = NULL;
    panos_buf name = PANOS_BUF_INIT;
    panos_code code = panos_client_new(&c, &opts);
    if (code == PANOS_OK)
        code = panos_client_set_key(c, key);
    if (code == PANOS_OK)
        code = panos_op_run(&r, c, "<show><system><info/></system></show>");
    if (code == PANOS_OK) {
        const panos_node *sys = panos_node_child(panos_response_result(r), "system");
        code = panos_node_text(&name, panos_node_child(sys, "hostname"));
    }
    if (code == PANOS_OK)
        printf("hostname: %s\n", name.ptr);
    else
        fprintf(stderr, "pkgprog: %s: %s\n", panos_code_name(code),
                c != NULL ? panos_client_last_error(c)->message : "");
    panos_buf_dispose(&name);
    panos_response_free(r);
    panos_client_free(c);
    return code == PANOS_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    char deps[256];
    if (strcmp(panos_version_string(), PANOS_VERSION_STRING) != 0) {
        fprintf(stderr, "pkgprog: headers %s, library %s\n", PANOS_VERSION_STRING,
                panos_version_string());
        return 1;
    }
    if (panos_global_init() != PANOS_OK)
        return 1;
    panos_version_deps(deps, sizeof(deps));
    printf("libpanos %s %s\n", panos_version_string(), deps);
    int rc = argc == 3 ? ask_hostname(argv[1], argv[2]) : 0;
    panos_global_cleanup();
    return rc;
}
