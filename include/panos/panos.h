/* SPDX-License-Identifier: MIT */
/* panos.h -- umbrella header: include this to use libpanos. */
#ifndef PANOS_PANOS_H
#define PANOS_PANOS_H

#include "common.h"
#include "error.h"
#include "buf.h"
#include "response.h"
#include "client.h"
#include "cmdxml.h"
#include "apikey.h"
#include "rc.h"

#endif
