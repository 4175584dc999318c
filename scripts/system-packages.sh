#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: the system Chromium (browser tests),
# LibreOffice and poppler (documents), fonts with Vietnamese glyphs, the Vietnamese spelling dictionary.
# Extra package names may be given as arguments (CI adds PostgreSQL). Needs root and apt-get; otherwise it
# only says what is missing.
set -euo pipefail
packages=(chromium libreoffice-writer-nogui poppler-utils fonts-liberation2 fonts-croscore hunspell-vi "$@")
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
((${#missing[@]})) || exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Thiếu gói hệ thống: ${missing[*]} (cài bằng apt-get với quyền root)." >&2
  exit 1
fi
echo "Cài gói hệ thống: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (unattended upgrades, a second make) may hold the dpkg lock: wait for it instead of failing.
# `install` waits by itself with DPkg::Lock::Timeout; `update` does not (the lists lock), so it is retried.
lock_wait=(-o DPkg::Lock::Timeout=900)
for attempt in $(seq 1 90); do
  apt-get "${lock_wait[@]}" update -qq 2>/dev/null && break
  ((attempt < 90)) || { echo "apt-get update không chạy được (khóa dpkg bị giữ quá 15 phút?)." >&2; exit 1; }
  echo "Đang chờ một tiến trình apt khác kết thúc…" >&2
  sleep 10
done
apt-get "${lock_wait[@]}" install -y -qq "${missing[@]}" >/dev/null
