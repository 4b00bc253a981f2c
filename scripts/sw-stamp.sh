#!/bin/sh
# Trunk post-build hook: writes the list of the app's files and a version
# (a hash of their contents) into the service worker, sw.js, in Trunk's
# staging folder. The worker caches exactly those files; a new build gives
# a new version, so browsers replace the old cache.
set -eu
dir="${TRUNK_STAGING_DIR:?this runs as a Trunk post_build hook}"
cd "$dir"
[ -f sw.js ] || { echo "sw-stamp: no sw.js in $dir" >&2; exit 1; }
# Every file Trunk made except the worker itself, "./" (the start page) first.
files=$(find . -type f ! -name sw.js ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
list='"./"'
for f in $files; do
    list="$list, \"$f\""
done
tmp=$(mktemp)
sed "s|^const BUILD = null;|const BUILD = { version: \"$version\", files: [$list] };|" sw.js >"$tmp"
grep -q "^const BUILD = { version" "$tmp" || { echo "sw-stamp: sw.js has no 'const BUILD = null;' line" >&2; rm -f "$tmp"; exit 1; }
cat "$tmp" >sw.js
rm -f "$tmp"
echo "sw-stamp: $version, $(echo "$files" | wc -l) files"
