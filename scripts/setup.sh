#!/usr/bin/env bash
# Set-up for a fresh machine: everything the tests and the CLI need.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages (Debian/Ubuntu, as root):
# - LibreOffice Calc, headless: the tests recalculate the written workbooks with it
#   (test/workbook.test.ts), and scripts/render-rollup.sh renders Tổng hợp to PDF;
#   fonts-liberation gives it metric-compatible fonts (Times New Roman → Liberation Serif).
# - poppler-utils: pdftoppm, for the PNG of Tổng hợp.
# - chromium (Debian's): the add-in's task pane is loaded in it headless by
#   test/addin/e2e.test.ts, through playwright-core; no browser is ever downloaded.
apt_packages=()
# - LibreOffice Writer, headless: the fixture generator and `npm run bench` print .docx plans to PDF.
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
command -v soffice >/dev/null 2>&1 || apt_packages+=(libreoffice-calc-nogui fonts-liberation)
have_deb libreoffice-writer-nogui || have_deb libreoffice-writer || apt_packages+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || apt_packages+=(poppler-utils)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
# - tesseract with its Vietnamese data: OCR of scanned PDFs (pipeline/node/ocr, test/ocr.test.ts).
command -v tesseract >/dev/null 2>&1 || apt_packages+=(tesseract-ocr)
have_deb tesseract-ocr-vie || apt_packages+=(tesseract-ocr-vie)
# - img2pdf (with python3-pil): scripts/fixtures/make-scans.py wraps page images into scanned PDFs.
have_deb img2pdf || apt_packages+=(img2pdf)
# - python3-docx: the benchmark's reference for .docx reading (`npm run bench -- --only 7` times a python-docx
#   table dump beside `phuluc convert`); Debian's package, since pip has no index on every machine.
have_deb python3-docx || apt_packages+=(python3-docx)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to install ${apt_packages[*]} (run: sudo bash scripts/setup.sh)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${apt_packages[@]}"
fi

# Node packages, exactly as locked.
npm ci --no-audit --no-fund

# The real corpus: the development set from ../shared/real, and the other documents from local snapshots
# of their repositories where this machine has them (samples/real/README.md). Never fatal: without them
# `npm run eval` scores what is present and the tests that need the development set say why they skip.
npx tsx scripts/real-corpus.ts restore || echo "setup: real corpus incomplete (see above)" >&2

# Scanned copies of the real corpus's PDFs (samples/real/*/scanned/), made on this machine since the
# originals are not committed. Never fatal either: without them the scanned-real test says why it skips.
/usr/bin/python3 scripts/fixtures/make-scans.py --real || echo "setup: scanned copies of the real corpus not made (see above)" >&2
