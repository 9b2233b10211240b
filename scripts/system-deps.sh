#!/usr/bin/env bash
# System packages the tests need: Chromium (real-browser tests), NanumGothic (Hangul in charts), poppler-utils
# (PDF pages to images), LibreOffice Calc and Impress without a GUI (XLSX and PPTX pages rendered in tests) and
# npm (axe-core for the accessibility scan, `make a11y-deps`).
# Installs them when this is Debian and we are root; otherwise says exactly what to run.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi nanum || [ -d /usr/share/fonts/truetype/nanum ] || need+=(fonts-nanum)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui libreoffice-impress-nogui)
command -v npm >/dev/null || need+=(npm)  # axe-core for the accessibility scan (make a11y-deps)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The tests need these system packages: ${need[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
