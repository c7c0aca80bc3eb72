/* SPDX-License-Identifier: MIT */
/* simreq.c -- small helpers on pansim requests and replies, shared by the server, device and tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"

FILE *sim_reply_open(struct sim_reply *r, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *f = open_memstream(buf, len);
    if (f == NULL)
        sim_reply_set(r, 500, "out of memory");
    return f;
}

void sim_reply_close(struct sim_reply *r, FILE *f, char **buf)
{
    if (fclose(f) != 0 || *buf == NULL || sim_reply_set(r, 200, *buf) != 0)
        sim_reply_set(r, 500, "out of memory");
    free(*buf);
    *buf = NULL;
}

int sim_reply_set(struct sim_reply *r, unsigned int status, const char *body)
{
    size_t len = strlen(body);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, body, len + 1);
    free(r->body);
    r->status = status;
    r->body = copy;
    r->len = len;
    return 0;
}

const char *sim_request_param(const struct sim_request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}

void sim_xml_escape(FILE *f, const char *s, int quotes)
{
    for (; s != NULL && *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs(quotes ? "&quot;" : "\"", f); break;
        case '\'': fputs(quotes ? "&apos;" : "'", f); break;
        default: fputc(*s, f);
        }
    }
}

void sim_reply_error_line(struct sim_reply *out, const char *line)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f == NULL) {
        sim_reply_set(out, 500, "pansim: out of memory\n");
        return;
    }
    fputs("<response status=\"error\"><msg><line>", f);
    sim_xml_escape(f, line, 0);
    fputs("</line></msg></response>", f);
    fclose(f);
    sim_reply_set(out, 200, body);
    free(body);
}
