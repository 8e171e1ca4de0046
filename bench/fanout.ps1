<#
.SYNOPSIS
    Fan-out over accounts: 40 AssumeRole calls one by one, with Use-StsRole -ThrottleLimit 10, and
    with ForEach-Object -Parallel -ThrottleLimit 10, behind a loopback proxy that adds 100 ms to
    every request (a real STS round trip) in front of moto_server.
.DESCRIPTION
    Each way is timed over the same 40 accounts, -Force so that every call reaches STS, in
    rotating order for -Rounds rounds; medians. Target: -ThrottleLimit 10 at least 4x faster than
    one by one (ideal ~10x). ForEach-Object -Parallel pays a module import in each runspace.
    Run from the repository root in the pinned pwsh: dotnet pwsh -NoProfile -File bench/fanout.ps1
    (bench/run.sh does). Needs python3 with moto[server]; sends nothing beyond 127.0.0.1.
#>
[CmdletBinding()]
param([int] $Rounds = 5, [int] $Accounts = 40, [int] $ThrottleLimit = 10, [int] $DelayMs = 100)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'tests/TestHelpers.psm1') -Force
$manifest = Join-Path $root 'StsModule.psd1'
Import-Module $manifest -Force
$moto = Start-MotoServer
$proxy = Start-StsProxy -Upstream $moto.Endpoint -DelayMs $DelayMs
try {
    $conn = @{ EndpointUrl = $proxy.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDBENCHFANOUT00001'; SecretKey = 'bench-secret' }
    $ids = 1..$Accounts | ForEach-Object { '{0:D12}' -f (500000000000 + $_) }
    $ways = [ordered]@{
        'one by one'                    = { $ids | Use-StsRole -RoleName Audit @conn -Force }
        "-ThrottleLimit $ThrottleLimit" = { $ids | Use-StsRole -RoleName Audit @conn -Force -ThrottleLimit $ThrottleLimit }
        "ForEach-Object -Parallel $ThrottleLimit" = {
            $ids | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
                Import-Module $using:manifest
                $c = $using:conn
                Use-StsRole -AccountId $_ -RoleName Audit @c -Force
            }
        }
    }
    # Warm-up: every way once (JIT, the client pool, the runspace pool's first runspaces).
    foreach ($way in $ways.Values) { $null = & $way }
    $times = @{}; foreach ($name in $ways.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
    $names = @($ways.Keys)
    for ($round = 0; $round -lt $Rounds; $round++) {
        for ($i = 0; $i -lt $names.Count; $i++) {
            $name = $names[($i + $round) % $names.Count]
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $results = @(& $ways[$name])
            $watch.Stop()
            if ($results.Count -ne $Accounts) { throw "$name returned $($results.Count) results, not $Accounts" }
            $times[$name].Add($watch.Elapsed.TotalMilliseconds)
        }
    }
    $median = { param($list) $s = @($list | Sort-Object); $s[[int][Math]::Floor(($s.Count - 1) / 2)] }
    $serial = & $median $times['one by one']
    foreach ($name in $names) {
        $m = & $median $times[$name]
        [pscustomobject]@{ Way = $name; 'Median ms' = [Math]::Round($m); 'Speed-up' = [Math]::Round($serial / $m, 1); Rounds = $Rounds }
    }
}
finally {
    Stop-MotoServer $proxy
    Stop-MotoServer $moto
}
