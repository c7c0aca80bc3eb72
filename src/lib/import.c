/* SPDX-License-Identifier: MIT */
/* import.c -- type=import: the fields and the file of a multipart upload, sent once. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <panos/import.h>
#include "client_priv.h"
#include "contract.h"

#define MAX_PARAMS 28

/* Refuse what cannot be uploaded before anything is sent: a missing, unreadable or non-regular
 * file (libcurl would only say "read function returned funny value"). */
static panos_code check_file(panos_client *c, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        int e = errno;
        panos__client_set_error(c, e == ENOENT ? PANOS_E_NOT_FOUND : PANOS_E_IO, 0, -1, NULL,
                                "cannot open %s: %s", path, strerror(e));
        return e == ENOENT ? PANOS_E_NOT_FOUND : PANOS_E_IO;
    }
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (!ok) {
        panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL, "%s is not a regular file", path);
        return PANOS_E_IO;
    }
    return PANOS_OK;
}

panos_code panos_import_file(panos_response **out, panos_client *c, const char *category,
                             const panos_param *params, size_t nparams, const char *path,
                             const char *filename)
{
    PANOS_ASSERT(out != NULL && c != NULL && (params != NULL || nparams == 0));
    *out = NULL;
    panos__client_clear_error(c);
    if (category == NULL || *category == '\0' || path == NULL || *path == '\0' ||
        nparams > MAX_PARAMS) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "import: a category and a file are needed");
        return PANOS_E_INVALID_ARG;
    }
    panos_code rc = check_file(c, path);
    if (rc != PANOS_OK)
        return rc;
    if (filename == NULL || *filename == '\0') {
        const char *slash = strrchr(path, '/');
        filename = slash != NULL && slash[1] != '\0' ? slash + 1 : path;
    }
    panos_param p[MAX_PARAMS + 2] = {{"type", "import"}, {"category", category}};
    const char *fields[2 * (MAX_PARAMS + 2)];
    for (size_t i = 0; i < nparams; i++)
        p[2 + i] = params[i];
    size_t n = nparams + 2;
    for (size_t i = 0; i < n; i++) {
        fields[2 * i] = p[i].name;
        fields[2 * i + 1] = p[i].value != NULL ? p[i].value : "";
    }
    struct panos__upload up = {fields, n, "file", path, filename};
    c->req.upload = &up;
    rc = panos__client_request(out, c, p, n, NULL, NULL);
    c->req.upload = NULL;
    return rc;
}
