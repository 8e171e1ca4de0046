#!/usr/bin/env bash
# The test command: installs what a fresh Debian machine lacks (Node.js/npm for the PowerShell
# syntax check; moto[server] and boto3 when pip can reach them), then runs the xunit suite and,
# where PowerShell exists, the Pester tests. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# No test may reach instance metadata, real AWS or the developer's ~/.aws files.
export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN || true

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "test.sh: please install ${missing[*]} (for example: sudo apt-get install ${missing[*]})" >&2; exit 1
  fi
fi
if ! command -v moto_server >/dev/null || ! python3 -c 'import boto3, moto' 2>/dev/null; then
  echo "test.sh: installing moto[server] and boto3"
  python3 -m pip install --quiet 'moto[server]==5.2.1' boto3 \
    || { echo "test.sh: python3 with moto[server] and boto3 is required" >&2; exit 1; }
fi

results="$(mktemp -d)"
status=0
dotnet test StsTools.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

# One plain summary line from the TRX counters.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)); skipped += int(c.get("notExecuted", 0))
print(f"xunit: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"

# The Pester tests run wherever PowerShell exists (build.ps1 bootstraps a pinned Pester 5).
if [ "$status" -eq 0 ] && command -v pwsh >/dev/null; then
  pwsh -NoProfile -File ./build.ps1 -Task Pester || status=$?
fi
exit "$status"
