#!/usr/bin/env bash
# Runs the whole test suite. Installs the Debian packages the tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use: real Fashion-MNIST IDX files; PyTorch for the PyTorch side of `bench compare`;
# Chromium for the browser tests of the web front end; PostgreSQL 15 for the store and cluster tests.
packages=(dataset-fashion-mnist python3-torch chromium postgresql)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The web front end's pure logic (descriptor → form, problem paths, graph validation, ...): vitest.
(cd src/Host/ClientApp && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npx vitest run)

dotnet test LossSearch.sln -c Release "$@"
