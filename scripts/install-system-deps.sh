#!/usr/bin/env bash
# Installs the Debian packages Clawlink's real-peer tests use. Idempotent; run as root.
# CI (.ci/run) calls it; developers run it once: sudo scripts/install-system-deps.sh
#   openssh-server/-client  real sshd + ssh-keygen/ssh-agent/ssh (tunnel tests, benchmarks' anchor)
#   dbus, gnome-keyring     a real Secret Service for keychain tests (libsecret-tools: secret-tool, debugging)
#   chromium                the renderer in a real browser (driven by playwright-core; no browser download)
#   xvfb, xauth             headed runs and screenshots of real windows
#   iproute2, nftables      loopback-only network namespaces and link-fault labs
#   nsd                     a real authoritative DNS server serving the gateway's wide-area DNS-SD zone
#                           (e2e/wide-area-discovery.e2e.test.ts; started by the test, never as a service)
set -euo pipefail
pkgs=(openssh-server openssh-client dbus gnome-keyring libsecret-tools chromium fonts-dejavu-core xvfb xauth iproute2 nftables procps nsd)
if [ "$(id -u)" != 0 ]; then echo "install-system-deps: run as root (sudo $0)" >&2; exit 1; fi
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "install-system-deps: all present"; exit 0; fi
# Package scripts must never start system services here (openssh-server would start sshd on :22).
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
fi
trap '[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -360 2>/dev/null | head -1)" ]; then apt-get update -qq; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# nsd's package enables its system service for the next boot; the tests start their own instance.
if [[ " ${missing[*]} " == *" nsd "* ]] && command -v systemctl >/dev/null 2>&1; then systemctl disable nsd >/dev/null 2>&1 || true; fi
echo "install-system-deps: installed ${missing[*]}"
