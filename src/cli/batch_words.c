/* SPDX-License-Identifier: MIT */
/* batch_words.c -- panctl batch: a line split into words with shell quoting; its echo with the
 * secrets left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "cli.h"

void cli_words_free(struct cli_words *w)
{
    free(w->buf);
    free(w->argv);
    memset(w, 0, sizeof(*w));
}

/* One word starting at *@p pp into *@p op (NUL-terminated). Returns 0, or -1 with @p err. */
static int one_word(const char **pp, char **op, char *err, size_t errlen)
{
    const char *p = *pp;
    char *o = *op;
    while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            if (end == NULL) {
                snprintf(err, errlen, "%s", "unterminated '...' quote");
                return -1;
            }
            memcpy(o, p + 1, (size_t)(end - p - 1));
            o += end - p - 1;
            p = end + 1;
        } else if (*p == '"') {
            for (p++; *p != '"'; p++) {
                if (*p == '\0') {
                    snprintf(err, errlen, "%s", "unterminated \"...\" quote");
                    return -1;
                }
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *o++ = *p;
            }
            p++;
        } else if (*p == '\\') {
            if (p[1] == '\0' || p[1] == '\n' || p[1] == '\r') {
                snprintf(err, errlen, "%s", "a backslash ends the line (no continuation lines)");
                return -1;
            }
            *o++ = p[1];
            p += 2;
        } else {
            *o++ = *p++;
        }
    }
    *o++ = '\0';
    *pp = p;
    *op = o;
    return 0;
}

int cli_words_split(const char *line, struct cli_words *out, char *err, size_t errlen)
{
    size_t len = strlen(line);
    memset(out, 0, sizeof(*out));
    out->buf = malloc(len + 1);
    out->argv = calloc(len / 2 + 2, sizeof(char *));
    if (out->buf == NULL || out->argv == NULL) {
        cli_words_free(out);
        return PANOS_E_NOMEM;
    }
    const char *p = line;
    char *o = out->buf;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '\0' || *p == '#')
            break;
        out->argv[out->argc++] = o;
        if (one_word(&p, &o, err, errlen) != 0) {
            cli_words_free(out);
            return -1;
        }
    }
    out->argv[out->argc] = NULL;
    return 0;
}

/* Whether @p w is the name=value of a secret parameter, or follows --key. */
static int secret_at(const struct cli_words *w, int i)
{
    static const char *const names[] = {"key=", "password=", "passphrase=", "--key="};
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
        if (strncmp(w->argv[i], names[k], strlen(names[k])) == 0)
            return (int)strlen(names[k]);
    return i > 0 && strcmp(w->argv[i - 1], "--key") == 0 ? -1 : 0;
}

char *cli_words_echo(const struct cli_words *w)
{
    size_t size = 1;
    for (int i = 0; i < w->argc; i++)
        size += 4 * strlen(w->argv[i]) + 8;
    char *s = malloc(size), *o = s;
    if (s == NULL)
        return NULL;
    for (int i = 0; i < w->argc; i++) {
        const char *a = w->argv[i];
        int secret = secret_at(w, i);
        if (i > 0)
            *o++ = ' ';
        if (secret != 0) {
            int keep = secret > 0 ? secret : 0;
            o += snprintf(o, (size_t)(s + size - o), "%.*s***", keep, a);
            continue;
        }
        int quote = a[0] == '\0' || strpbrk(a, " \t'\"\\#") != NULL;
        if (quote)
            *o++ = '\'';
        for (; *a; a++) {
            if (quote && *a == '\'')
                o += snprintf(o, (size_t)(s + size - o), "%s", "'\\''");
            else
                *o++ = *a;
        }
        if (quote)
            *o++ = '\'';
    }
    *o = '\0';
    return s;
}
