#!/usr/bin/env bash
# The test command: installs what a fresh Debian machine lacks (the pinned PowerShell 7.6.9 from
# .config/dotnet-tools.json, Pester 5.7.1 from NuGet; moto[server] and boto3 when pip can reach
# them), then runs the xunit suite and the whole Pester suite in that pwsh. Ends with one line
# "N passed, N failed, N skipped" over both; exits non-zero on any failure of either.
set -euo pipefail
cd "$(dirname "$0")"

# No test may reach instance metadata, real AWS or the developer's ~/.aws files.
export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN || true

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }
if ! command -v moto_server >/dev/null || ! python3 -c 'import boto3, moto' 2>/dev/null; then
  echo "test.sh: installing moto[server] and boto3"
  python3 -m pip install --quiet 'moto[server]==5.2.1' 'boto3==1.43.11' \
    || { echo "test.sh: python3 with moto[server] and boto3 is required" >&2; exit 1; }
fi

# PowerShell 7.6.9 as a local .NET tool: `dotnet pwsh` on any machine with the .NET SDK.
dotnet tool restore

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test StsTools.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

# The whole Pester suite, in the pinned pwsh, against the module dotnet test built. It runs even
# when xunit failed, so that one run shows every failure.
rm -f out/pester-summary.json
dotnet pwsh -NoProfile -NonInteractive -File ./build.ps1 -Task Pester -NoBuild || status=$?

# One closing line over both suites, from the TRX counters and Pester's result.
python3 - "$results" out/pester-summary.json <<'PY' || status=1
import glob, json, os, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)); skipped += int(c.get("notExecuted", 0))
print(f"xunit: {passed} passed, {failed} failed, {skipped} skipped")
if os.path.exists(sys.argv[2]):
    p = json.load(open(sys.argv[2]))
    print(f"pester: {p['passed']} passed, {p['failed']} failed, {p['skipped']} skipped")
    passed += p["passed"]; failed += p["failed"]; skipped += p["skipped"]
else:
    print("pester: did not report a result")
    failed += 1
print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
exit "$status"
