#!/usr/bin/env bash
# Set-up for a fresh machine: everything the tests and the CLI need.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node packages, exactly as locked.
npm ci --no-audit --no-fund
