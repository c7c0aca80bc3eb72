#!/bin/sh
# SPDX-License-Identifier: MIT
# package.sh -- build the Debian packages of this tree (debian/, dpkg-buildpackage -b) and check
# them with lintian (no errors allowed). The tree's files (tracked and new ones, not build/) are
# copied to a scratch directory and built there, so the checkout is left as it was; the .debs,
# .buildinfo and .changes land in OUTDIR (default build-deb/).
# DEB_BUILD_OPTIONS defaults to nocheck (make check runs the suite); set it to "" to run the
# quick suite inside the package build too.
# Usage: scripts/package.sh [OUTDIR]
set -eu
cd "$(dirname "$0")/.."
out=${1:-build-deb}
: "${DEB_BUILD_OPTIONS=nocheck}"
# No -dbgsym packages: the smoke test installs every .deb of OUTDIR.
DEB_BUILD_OPTIONS="$DEB_BUILD_OPTIONS noautodbgsym parallel=$(nproc 2>/dev/null || echo 2)"
export DEB_BUILD_OPTIONS

# One version: project(VERSION) in CMakeLists.txt, which debian/changelog must repeat.
version=$(sed -n 's/^project(panos VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
debversion=$(dpkg-parsechangelog -S Version)
if [ "$version" != "$debversion" ]; then
    echo "package.sh: CMakeLists.txt says $version, debian/changelog $debversion:" \
        "add a changelog entry (dch -v $version)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$work/panctl-$version
mkdir "$tree"
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    PANOS_GIT_DESCRIBE=$(git describe --always --dirty --tags)
    git ls-files -z --cached --others --exclude-standard |
        tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$tree"
else
    PANOS_GIT_DESCRIBE=
    tar --exclude='./build*' --exclude=./.git -cf - . | tar -xf - -C "$tree"
fi
export PANOS_GIT_DESCRIBE

(cd "$tree" && dpkg-buildpackage -b -us -uc) > "$work/build.log" 2>&1 || {
    tail -n 60 "$work/build.log" >&2
    echo "package.sh: dpkg-buildpackage failed (log above)" >&2
    exit 1
}
changes=$(ls "$work"/*.changes)
# Errors fail the build; warnings and info are printed (README.md, Install, explains those left).
lintian --fail-on error --info --display-info "$changes" || {
    echo "package.sh: lintian found errors" >&2
    exit 1
}
mkdir -p "$out"
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
mv "$work"/*.deb "$work"/*.buildinfo "$changes" "$out"/
echo "package.sh: built $(ls "$out"/*.deb | wc -l) packages of panctl $version ($PANOS_GIT_DESCRIBE) in $out/:"
ls -l "$out"/*.deb
