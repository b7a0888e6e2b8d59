#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: each argument is PATH:PACKAGE, and PACKAGE is
# installed with apt-get when PATH does not exist. Runs apt-get update only when a plain install fails (fresh machines).
set -uo pipefail

missing=()
for pair in "$@"; do
  path="${pair%%:*}"
  package="${pair#*:}"
  if [ ! -e "$path" ]; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing Debian packages: ${missing[*]} (run as root or install them with apt-get)." >&2
    exit 1
  fi
fi

echo "== installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q "${missing[@]}" >/dev/null; then
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null || {
    echo "apt-get could not install: ${missing[*]}" >&2
    exit 1
  }
fi
