/* SPDX-License-Identifier: MIT */
/* panos.h -- umbrella header: include this to use libpanos. */
#ifndef PANOS_PANOS_H
#define PANOS_PANOS_H

/*
 * Everything but <panos/log.h> (log queries), <panos/tls.h> (certificate inspection) and the
 * opt-in <panos/xml.h> (libxml2's xmlNode behind a panos_node), which are included on their
 * own. None of these headers needs another library's headers, except xml.h.
 */
#include "common.h"
#include <panos/version.h> /* generated into the build tree */
#include "error.h"
#include "buf.h"
#include "node.h"
#include "response.h"
#include "client.h"
#include "cmdxml.h"
#include "apikey.h"
#include "rc.h"
#include "configdiff.h"
#include "export.h"
#include "commit.h"
#include "xmlstream.h"
#include "import.h"
#include "multi.h"
#include "macvendor.h"
#include "prisma.h"
#include "userid.h"
#include "report.h"

#endif
