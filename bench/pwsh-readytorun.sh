#!/usr/bin/env bash
# Makes a ReadyToRun copy of the pinned pwsh (outside the repository, in the user's cache folder,
# so that no repository-wide file search walks PowerShell's files) and prints its pwsh.dll.
# Why: the `PowerShell` dotnet tool ships its assemblies as IL only, so in it PowerShell
# JIT-compiles its own code (measured: ~1,000 methods in a `pwsh -c 'Import-Module ...'`);
# PowerShell's release packages (deb, rpm, msi, tar.gz) ship them precompiled. The figures users
# see are the second kind, so bench/run.sh measures in both. The compiler is crossgen2 from NuGet,
# the same package the module's own ReadyToRun images are built with.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python3 -c 'import json; print(json.load(open(".config/dotnet-tools.json"))["tools"]["powershell"]["version"])')
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')}
tool="$packages/powershell/$version/tools/net10.0/any/unix"
[ -d "$tool" ] || { dotnet tool restore >/dev/null; }
out="${XDG_CACHE_HOME:-$HOME/.cache}/ststools-bench/pwsh-readytorun-all-$version"
if [ ! -f "$out/.done" ]; then
  crossgen=$(ls -d "$packages"/microsoft.netcore.app.crossgen2.linux-x64/10.* 2>/dev/null | sort -V | tail -1)/tools/crossgen2
  [ -x "$crossgen" ] || { echo "crossgen2 10.x is not in $packages: build the module first (it restores crossgen2)" >&2; exit 1; }
  framework=$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ {v=$2; p=$3} END {gsub(/[][]/, "", p); print p "/" v "/"}')
  rm -rf "$out" && mkdir -p "$out" && cp -r "$tool/." "$out/"
  # Every managed assembly of the tool, as a release package's publish with ReadyToRun compiles
  # its whole application (PowerShell's own and the packages it ships: telemetry, JSON, ...).
  # One that crossgen2 cannot compile (a reference assembly, a native file) stays as it is.
  for path in "$tool"/*.dll; do
    dll=$(basename "$path")
    "$crossgen" "$path" -o "$out/$dll.r2r" -r "$framework*.dll" -r "$tool/*.dll" --targetos linux --targetarch x64 -O >/dev/null 2>&1 \
      && mv "$out/$dll.r2r" "$out/$dll" || rm -f "$out/$dll.r2r"
  done
  touch "$out/.done"
fi
echo "$out/pwsh.dll"
