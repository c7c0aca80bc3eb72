/* SPDX-License-Identifier: MIT */
/* error.c -- strerror and names generated from the PANOS_ERROR_LIST X-macro. */
#include <panos/error.h>

const char *panos_strerror(panos_code code)
{
    switch (code) {
#define PANOS__ERR_DESC(name, num, desc)                                                           \
    case PANOS_E_##name:                                                                           \
        return desc;
        PANOS_ERROR_LIST(PANOS__ERR_DESC)
#undef PANOS__ERR_DESC
    case PANOS_E__LAST:
        break;
    }
    return "unknown";
}

const char *panos_code_name(panos_code code)
{
    switch (code) {
#define PANOS__ERR_NAME(name, num, desc)                                                           \
    case PANOS_E_##name:                                                                           \
        return #name;
        PANOS_ERROR_LIST(PANOS__ERR_NAME)
#undef PANOS__ERR_NAME
    case PANOS_E__LAST:
        break;
    }
    return "UNKNOWN";
}
