#!/usr/bin/env bash
# Runs every figure against a moto_server on loopback and prints the table (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_EC2_METADATA_DISABLED=true DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build StsTools.sln -c Release -v quiet --nologo >/dev/null
dotnet build bench/StsTools.Bench/StsTools.Bench.csproj -c Release -v quiet --nologo >/dev/null
dotnet build bench/StsTools.ColdStart/StsTools.ColdStart.csproj -c Release -v quiet --nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.1; done
dotnet bench/StsTools.Bench/bin/Release/net10.0/StsTools.Bench.dll all "http://127.0.0.1:$port" "$PWD/bin"
# The same module in a real pwsh (the pinned 7.6.9): import, first and warm call; in the dotnet
# tool as NuGet serves it (IL only) and in a ReadyToRun copy of it, as release packages ship.
dotnet tool restore >/dev/null
dotnet pwsh -NoProfile -NonInteractive -File bench/pwsh.ps1 -Endpoint "http://127.0.0.1:$port"
dotnet "$(bash bench/pwsh-readytorun.sh)" -NoProfile -NonInteractive -File bench/pwsh.ps1 -Endpoint "http://127.0.0.1:$port"
dotnet pwsh -NoProfile -NonInteractive -File bench/fanout.ps1
