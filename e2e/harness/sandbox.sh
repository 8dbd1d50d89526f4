#!/usr/bin/env bash
# Runs inside `unshare --net` (run-tests.sh): brings loopback up, then starts a private D-Bus session
# bus with an unlocked gnome-keyring (a real Secret Service for @napi-rs/keyring) and runs "$@" in it.
# Nothing in here can reach any address but this namespace's 127.0.0.1/::1.
set -euo pipefail
if [ -z "${__CLAWLINK_IN_BUS:-}" ]; then
  ip link set lo up
  export __CLAWLINK_IN_BUS=1
  # (dbus-daemon warns once that it can't raise its fd limit in this sandbox: harmless. It is not filtered
  # through a process substitution on purpose: that pipe's fd would leak into every child, gateways
  # included, and keep the caller's pipeline open after the run.)
  exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi
unset __CLAWLINK_IN_BUS
kr=$(mktemp -d /tmp/clawlink-keyring.XXXXXX)
mkdir -p "$kr/data" "$kr/run"; chmod 700 "$kr/run"
# --unlock reads a password on stdin and creates an unlocked "login" collection (the default one).
# The password protects a throwaway keyring that is deleted when the run ends.
( head -c 18 /dev/urandom | base64 | tr -d '\n' | XDG_DATA_HOME="$kr/data" XDG_RUNTIME_DIR="$kr/run" \
    exec gnome-keyring-daemon --foreground --unlock --components=secrets >"$kr/daemon.log" 2>&1 ) &
gkd=$!
cleanup() { kill "$gkd" 2>/dev/null || true; rm -rf "$kr"; }
trap cleanup EXIT
# Wait for the daemon to own the bus name: an early client would D-Bus-activate a second, locked daemon.
for _ in $(seq 1 200); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  kill -0 "$gkd" 2>/dev/null || { echo "gnome-keyring-daemon died:" >&2; cat "$kr/daemon.log" >&2; exit 1; }
  sleep 0.05
done
export CLAWLINK_TEST_SANDBOX=1
set +e
"$@"
rc=$?
exit $rc
