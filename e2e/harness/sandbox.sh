#!/usr/bin/env bash
# Runs inside `unshare --net` (run-tests.sh): brings loopback up, then starts a private D-Bus session
# bus with an unlocked gnome-keyring (a real Secret Service for @napi-rs/keyring) and runs "$@" in it.
# Nothing in here can reach any address but this namespace's 127.0.0.1/::1.
#
# Why the bus has its own config and the keyring is started by D-Bus activation: gnome-keyring-daemon
# (42.1 here, and still in 50.x) aborts in OpenSession when Secret Service clients connect and
# disconnect quickly (GLib-ERROR "g_variant_new: expected GVariant of type 'v' but received value has
# type '(null)'" after "gkd_secret_service_get_pkcs11_session: assertion 'client' failed"; upstream
# GNOME/gnome-keyring #190/#196/#199). Short-lived CLI processes do exactly that; the suite hit it once
# in about four full runs, and 4 parallel set/get/delete processes hit it within ~1,000 rounds. A
# desktop session restarts the daemon (systemd unit or D-Bus activation); so does this bus: its only
# service directory names a starter that brings the same keyring back, unlocked, so the secrets stored
# before the abort are still there. (The stock session config would D-Bus-activate a second, bare
# daemon with no collection at all: "Secret Service: no result found" for the rest of the run.)
# The sandbox prints how many times the daemon had to be restarted when the run ends.
set -euo pipefail
if [ -z "${__CLAWLINK_IN_BUS:-}" ]; then
  ip link set lo up
  kr=$(mktemp -d /tmp/clawlink-keyring.XXXXXX)
  trap 'rm -rf "$kr"' EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  mkdir -p "$kr/data" "$kr/run" "$kr/services"; chmod 700 "$kr" "$kr/run"
  # The password protects a throwaway keyring holding only test secrets; both are deleted when the run
  # ends. It is in a file (0600, in a 0700 directory) because each restart must unlock the same keyring.
  ( umask 077; head -c 18 /dev/urandom | base64 | tr -d '\n' >"$kr/password" )
  cat >"$kr/start-keyring.sh" <<EOF
#!/usr/bin/env bash
# Started by the sandbox's D-Bus daemon for org.freedesktop.secrets (first use and after an abort).
echo "[sandbox] gnome-keyring-daemon start \$(date +%T.%N)" >>"$kr/daemon.log"
exec env XDG_DATA_HOME="$kr/data" XDG_RUNTIME_DIR="$kr/run" \\
  gnome-keyring-daemon --foreground --unlock --components=secrets <"$kr/password" >>"$kr/daemon.log" 2>&1
EOF
  chmod 700 "$kr/start-keyring.sh"
  printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=%s\n' "$kr/start-keyring.sh" >"$kr/services/org.freedesktop.secrets.service"
  # The stock session policy and limits (/usr/share/dbus-1/session.conf), with this one service directory
  # in place of the standard ones.
  cat >"$kr/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$kr/run</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$kr/services</servicedir>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="service_start_timeout">120000</limit>
  <limit name="auth_timeout">240000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_incomplete_connections">10000</limit>
  <limit name="max_connections_per_user">100000</limit>
  <limit name="max_pending_service_starts">10000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
EOF
  export __CLAWLINK_IN_BUS="$kr"
  # (dbus-daemon warns once that it can't raise its fd limit in this sandbox: harmless. It is not filtered
  # through a process substitution on purpose: that pipe's fd would leak into every child, gateways
  # included, and keep the caller's pipeline open after the run.)
  set +e
  dbus-run-session --config-file="$kr/bus.conf" -- bash "${BASH_SOURCE[0]}" "$@"
  rc=$?
  # The bus is gone, and the keyring daemon with it (it exits when it loses its bus).
  starts=$(grep -c '^\[sandbox\] gnome-keyring-daemon start' "$kr/daemon.log" 2>/dev/null)
  if [ "${starts:-0}" -gt 1 ]; then
    # keychain.e2e.test.ts kills it once on purpose; any further start followed an abort or a hang.
    echo "sandbox: gnome-keyring-daemon was started $starts times (D-Bus activation after it died); aborts logged: $(grep -c 'GLib-ERROR' "$kr/daemon.log")" >&2
    grep 'GLib-ERROR' "$kr/daemon.log" | sed 's/^/sandbox:   /' >&2
  fi
  exit $rc
fi
kr=$__CLAWLINK_IN_BUS
unset __CLAWLINK_IN_BUS
# Start the keyring now, by activation, so the first test does not pay for it; wait until it answers.
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null || {
  echo "sandbox: gnome-keyring-daemon did not start:" >&2; cat "$kr/daemon.log" >&2; exit 1; }
export CLAWLINK_TEST_SANDBOX=1
set +e
"$@"
rc=$?
exit $rc
