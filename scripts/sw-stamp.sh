#!/bin/sh
# Trunk post-build hook: writes the app's files, each with a digest of its
# contents (the first 128 bits of its SHA-256: as good at telling builds
# apart, and half the bytes in sw.js, which is part of the first load),
# and a version (a hash of the full sums) into the service worker, sw.js,
# in Trunk's staging folder. The worker keeps exactly those files, and only
# a copy whose contents have the listed digest; a new build gives a new
# version, so browsers replace the old cache.
set -eu
dir="${TRUNK_STAGING_DIR:?this runs as a Trunk post_build hook}"
cd "$dir"
[ -f sw.js ] || { echo "sw-stamp: no sw.js in $dir" >&2; exit 1; }
# Every file Trunk made except the worker itself, in a stable order.
files=$(find . -type f ! -name sw.js ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
case "$files" in
*'"'* | *'\'* | *'|'*) echo "sw-stamp: a file name holds a quote, backslash or |" >&2; exit 1 ;;
esac
sums=$(for f in $files; do sha256sum "$f"; done)
version=$(echo "$sums" | sha256sum | cut -c1-16)
list=$(echo "$sums" | awk '{ printf "%s\"%s\": \"%s\"", (NR > 1 ? ", " : ""), $2, substr($1, 1, 32) }')
tmp=$(mktemp)
sed "s|^const BUILD = null;|const BUILD = { version: \"$version\", files: { $list } };|" sw.js >"$tmp"
grep -q "^const BUILD = { version" "$tmp" || { echo "sw-stamp: sw.js has no 'const BUILD = null;' line" >&2; rm -f "$tmp"; exit 1; }
cat "$tmp" >sw.js
rm -f "$tmp"
echo "sw-stamp: $version, $(echo "$files" | wc -l) files"
