#!/usr/bin/env bash
# Not part of `npm test`: drives gnome-keyring into its upstream OpenSession abort (see sandbox.sh) with
# Clawlink's own keychain code, and says whether any call failed. 4 parallel processes, each:
# openSecretStore() (the probe) + set/get/delete through KeyringSecretStore, for SECONDS_TO_RUN (300).
#   bash e2e/harness/keychain-stress.sh      (as root, Node 24 on PATH; runs itself inside the sandbox)
# Session 8: 1,670 rounds, 11 aborts, 0 failed processes (notes/session-8-keychain-abort.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -z "${CLAWLINK_TEST_SANDBOX:-}" ]; then
  out=node_modules/.cache/keychain-stress
  mkdir -p "$out"
  cat >"$out/entry.ts" <<'TS'
import { openSecretStore } from "../../../src-main/core/profiles/profile-secrets.js";
const { store, warning } = await openSecretStore();
if (warning) throw new Error(warning);
const k = { service: "clawlink-keychain-stress", account: process.argv[2]! };
await store.set(k, "v");
if ((await store.get(k)) !== "v") throw new Error("read back something else");
await store.delete(k);
TS
  npx esbuild "$out/entry.ts" --bundle --platform=node --format=esm --packages=external --outfile="$out/entry.mjs" --log-level=warning
  exec unshare --net -- bash e2e/harness/sandbox.sh bash "${BASH_SOURCE[0]}"
fi
end=$((SECONDS + ${SECONDS_TO_RUN:-300})); rounds=0; failed=0
while [ $SECONDS -lt $end ]; do
  pids=()
  for j in 1 2 3 4; do node node_modules/.cache/keychain-stress/entry.mjs "$rounds-$j" 2>>/tmp/keychain-stress.err & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  rounds=$((rounds + 1))
done
echo "keychain-stress: $rounds rounds of 4 processes, $failed failed (their errors: /tmp/keychain-stress.err)"
