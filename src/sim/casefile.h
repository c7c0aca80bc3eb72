/* SPDX-License-Identifier: MIT */
/* casefile.h -- read a tests/cases/NNNN.case file into its %% sections (shared by pansim and runcase). */
#ifndef PANSIM_CASEFILE_H
#define PANSIM_CASEFILE_H

#include <stddef.h>

/*
 * A case file is a sequence of sections. A section starts with a line "%% NAME [ARGS...]"
 * (NAME is a word, ARGS the rest of the line, trimmed) and holds the lines up to the next
 * "%%" line. "%include PATH%" anywhere in a body is replaced by the file's bytes (PATH relative
 * to the case file's directory). The body keeps its bytes exactly, except that the single
 * newline ending the section's last line is dropped.
 */
struct case_section {
    char *name; /* "info", "reply", "command", "expect-stdout", ... */
    char *args; /* rest of the header line after the name ("1 status=403 ..."), "" if none */
    char *body; /* NUL-terminated */
    size_t body_len;
};

struct case_file {
    struct case_section *sections;
    size_t count;
};

/* A growable byte buffer, always NUL-terminated once something was added (runcase uses it too). */
struct cbuf {
    char *p;
    size_t len;
    size_t cap;
};

/* Append @p n bytes of @p s. Returns 0, or -1 when out of memory (@p b is unchanged). */
int cbuf_add(struct cbuf *b, const char *s, size_t n);

/* Parse PATH. Returns 0, or -1 with a one-line reason in errbuf. */
int case_file_load(struct case_file *out, const char *path, char *errbuf, size_t errlen);

/* First section called NAME, or NULL. */
const struct case_section *case_file_find(const struct case_file *cf, const char *name);

/* Free what case_file_load() allocated. */
void case_file_free(struct case_file *cf);

#endif
