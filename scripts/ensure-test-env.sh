#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real (ActiveMQ, Chromium, Xvfb,
# gnome-keyring with dbus) when they are missing. Idempotent: when everything is present it
# only runs a few `command -v` / `test -e` checks and exits.
set -euo pipefail

missing=()
need() { # need <package> <path-or-command>
  if [[ "$2" == /* ]]; then [[ -e "$2" ]] || missing+=("$1"); else command -v "$2" >/dev/null 2>&1 || missing+=("$1"); fi
}
need activemq /usr/share/activemq/bin/activemq.jar
need chromium /usr/bin/chromium
need xvfb Xvfb
need gnome-keyring gnome-keyring-daemon
need dbus-x11 dbus-launch
need dbus-daemon dbus-run-session
need default-jre-headless keytool
need openssl openssl
need libsecret-tools secret-tool

if ((${#missing[@]} == 0)); then
  echo "test environment: all Debian packages present"
  exit 0
fi

echo "test environment: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "test environment: missing ${missing[*]} and not root (no sudo): install them with apt-get" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# apt-get update only when the package lists are missing or older than a day.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]]; then
  "${sudo_cmd[@]}" apt-get update -qq
fi
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
echo "test environment: installed ${missing[*]}"
