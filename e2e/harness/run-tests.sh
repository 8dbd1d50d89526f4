#!/usr/bin/env bash
# `npm test`: the whole suite, unit and real-peer, the same on a laptop and in CI.
#  1. preflight: Node version, system packages, root — each failure is one line saying what to run;
#  2. lint (layering rules) and type checks;
#  3. outside the sandbox (the only steps that need the npm registry or write the build): install the
#     gateway fixture into the cache, build the app;
#  4. inside a loopback-only network namespace and a private D-Bus session with an unlocked
#     gnome-keyring (sandbox.sh): vitest, both projects.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)' || {
  echo "npm test: needs Node >= 22.19 (this is $(node --version)); run: eval \"\$(scripts/node-toolchain.sh)\" first" >&2; exit 2; }
missing=()
for c in /usr/sbin/sshd ssh-keygen ssh-agent ssh-add dbus-run-session dbus-send gnome-keyring-daemon /usr/bin/chromium /usr/sbin/nsd unshare ip nft pgrep; do
  command -v "$c" >/dev/null 2>&1 || missing+=("$(basename "$c")")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "npm test: missing system tools (${missing[*]}); run: sudo scripts/install-system-deps.sh" >&2; exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "npm test: the real-peer suite needs root (throwaway sshd users, network namespaces); run it with sudo, or npm run test:unit for the peer-free tests" >&2; exit 2
fi

npm run --silent lint
npm run --silent typecheck
node e2e/harness/gateway-install.mjs --quiet >/dev/null
npm run --silent build -- --e2e-seam   # the _electron specs drive the app through the seam only this build has

exec unshare --net -- bash e2e/harness/sandbox.sh npx vitest run "$@"
