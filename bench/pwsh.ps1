<#
.SYNOPSIS
    The module's figures in a real pwsh, each beside what it is compared with, in the same run.
.DESCRIPTION
    - import: `pwsh -NoProfile` that runs Import-Module against a bare `pwsh -NoProfile`, whole
      processes, alternately (the order rotates each round); the import's cost is the
      difference of the medians. Target: at most 60 ms. Most of it is PowerShell's own first
      Import-Module of a manifest module in a session, so the same is measured for a manifest
      module that exports nothing (a one-line manifest over a BCL-only dll), and for a module of
      StsModule's shape with one of each part (a binary module exporting one cmdlet by name, one
      view, one type extension), whose first import in a session costs PowerShell its one-time
      work whatever the content: StsModule's own share is the difference. Also the import timed
      inside the process: in a fresh pwsh, where Import-Module is the session's first command and
      pays PowerShell's first use of command lookup, binding, pipelines and formatting; in one
      that has formatted output once, as a script that has written to the console has paid that;
      in one that has imported PSReadLine first, as every interactive session has.
    - Run it in the pwsh to measure: bench/run.sh runs it in the pinned dotnet tool (whose
      assemblies are IL only, so PowerShell JIT-compiles its own code) and in a ReadyToRun copy of
      it (bench/pwsh-readytorun.sh), as PowerShell's release packages ship.
    - first call: a new pwsh imports the module, then times its first Get-StsCallerIdentity; another
      loads the AWS SDK from NuGet with Add-Type (the same AWSSDK.Core and AWSSDK.SecurityToken
      versions the module ships), then times its first GetCallerIdentity on a new client. Target:
      the module's at most 0.6 of the raw SDK's.
    - warm call: one pwsh, the cmdlet and a raw SDK client called alternately after both are warm
      (after the runtime's tiered compilation has settled: see the warm-up below); medians of the
      per-call times. Target: at most 1.05. After each pair, a do-nothing binary cmdlet with the
      same four parameters is called the same way: PowerShell's own cost of a cmdlet call, which
      the raw SDK's method call does not pay.
    bench/run.sh runs it against a moto_server on loopback.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/pwsh.ps1 -Endpoint http://127.0.0.1:5000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Rounds = 15,
    [int] $WarmPairs = 400
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
$manifest = Join-Path $root 'StsModule.psd1'
$pwsh = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
$env:AWS_EC2_METADATA_DISABLED = 'true'
$accessKey = 'AKIDSTSTOOLSBENCH001'
$secretKey = 'bench-secret-for-moto-only'

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Measure-Process([string] $Command) {
    # Wall time of a whole pwsh process; its last output line is returned too.
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded
    $clock.Stop()
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $output" }
    $last = if ($output) { @($output)[-1] } else { $null }
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Output = $last }
}

# The raw SDK as NuGet ships it, in the versions the module ships (read from its assemblies).
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((& dotnet nuget locals global-packages --list | Select-Object -First 1) -replace '^global-packages:\s*', '').Trim() }
$sdk = foreach ($name in 'AWSSDK.Core', 'AWSSDK.SecurityToken') {
    $version = [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $root "bin/Dependencies/$name.dll")).FileVersion
    $candidates = Get-ChildItem (Join-Path $packages $name.ToLowerInvariant()) -Directory | Where-Object { $version.StartsWith($_.Name) -or $_.Name.StartsWith($version) }
    $dll = Join-Path (@($candidates)[0].FullName) "lib/net8.0/$name.dll"
    if (-not (Test-Path $dll)) { throw "$name $version is not in $packages" }
    $dll
}

$rawCall = @"
`$config = [Amazon.SecurityToken.AmazonSecurityTokenServiceConfig]::new()
`$config.ServiceURL = '$Endpoint'
`$config.AuthenticationRegion = 'us-east-1'
`$client = [Amazon.SecurityToken.AmazonSecurityTokenServiceClient]::new([Amazon.Runtime.BasicAWSCredentials]::new('$accessKey', '$secretKey'), `$config)
`$null = `$client.GetCallerIdentityAsync([Amazon.SecurityToken.Model.GetCallerIdentityRequest]::new()).GetAwaiter().GetResult()
"@
$moduleCall = "`$null = Get-StsCallerIdentity -EndpointUrl '$Endpoint' -Region us-east-1 -AccessKey $accessKey -SecretKey $secretKey"

# Import cost and first calls: whole processes, alternately.
$bare = [Collections.Generic.List[double]]::new(); $imported = [Collections.Generic.List[double]]::new()
$firstModule = [Collections.Generic.List[double]]::new(); $firstRaw = [Collections.Generic.List[double]]::new()
$interactive = [Collections.Generic.List[double]]::new()
$timed = { param($body) "`$clock = [Diagnostics.Stopwatch]::StartNew()`n$body`n`$clock.Stop(); `$clock.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture)" }
# A manifest module that exports nothing: what PowerShell's first manifest import costs by itself.
$emptyFolder = Join-Path ([IO.Path]::GetTempPath()) ('ststools-bench-empty-' + [Guid]::NewGuid().ToString('n'))
$null = New-Item -ItemType Directory -Path $emptyFolder
$emptyManifest = Join-Path $emptyFolder 'Empty.psd1'
Set-Content -Path $emptyManifest -Value "@{ RootModule = '$(Join-Path $root 'bin/StsTools.Model.dll')'; ModuleVersion = '1.0'; GUID = '0b8c5a2e-6f4d-4c1b-9e7a-3d2f1a0b9c8d'; CmdletsToExport = @(); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
$empty = [Collections.Generic.List[double]]::new()
# A module of StsModule's shape with one of each part: a binary module exporting one cmdlet by
# name, one view, one type extension. What importing any such module costs PowerShell the first
# time in a session (the export-name matching's first culture-aware comparison, the format and
# type machinery's first use), whatever its content.
$shapeDll = Join-Path $emptyFolder 'Shape.dll'
Add-Type -OutputAssembly $shapeDll -OutputType Library -TypeDefinition @'
namespace ShapeBench
{
    public sealed class Result { public string Name { get; set; } public string Secret { get; set; } }
    [System.Management.Automation.Cmdlet("Get", "ShapeBench")]
    [System.Management.Automation.OutputType(typeof(Result))]
    public sealed class GetShapeBenchCommand : System.Management.Automation.PSCmdlet
    {
        // The parameters the warm calls below bind, so that calling it is PowerShell's cost of
        // invoking a binary cmdlet the way Get-StsCallerIdentity is invoked, with no work in it.
        [System.Management.Automation.Parameter] public string Region { get; set; }
        [System.Management.Automation.Parameter] public string EndpointUrl { get; set; }
        [System.Management.Automation.Parameter] public string AccessKey { get; set; }
        [System.Management.Automation.Parameter] public string SecretKey { get; set; }
        protected override void ProcessRecord() => WriteObject(new Result { Name = Region, Secret = SecretKey });
    }
}
'@
Set-Content -Path (Join-Path $emptyFolder 'Shape.format.ps1xml') -Value '<Configuration><ViewDefinitions><View><Name>Result</Name><ViewSelectedBy><TypeName>ShapeBench.Result</TypeName></ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>'
Set-Content -Path (Join-Path $emptyFolder 'Shape.types.ps1xml') -Value '<Types><Type><Name>ShapeBench.Result</Name><Members><MemberSet><Name>PSStandardMembers</Name><Members><PropertySet><Name>DefaultDisplayPropertySet</Name><ReferencedProperties><Name>Name</Name></ReferencedProperties></PropertySet></Members></MemberSet></Members></Type></Types>'
$shapeManifest = Join-Path $emptyFolder 'Shape.psd1'
Set-Content -Path $shapeManifest -Value "@{ RootModule = 'Shape.dll'; ModuleVersion = '1.0'; GUID = '1c9d6b3f-7a5e-4d2c-8f8b-4e3a2b1c0d9e'; FormatsToProcess = @('Shape.format.ps1xml'); TypesToProcess = @('Shape.types.ps1xml'); CmdletsToExport = @('Get-ShapeBench'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
# The import timed inside the process: in a fresh pwsh, where it is the session's first command
# (PowerShell's first use of command lookup, binding, pipelines and formatting is paid inside it),
# and in one that has formatted output once (a prompt that has shown something, a script that has
# written to the console). (Whole processes that format output vary too much to show the gap.)
$shown = '$null = Get-Date | Out-String'
$inFresh = [Collections.Generic.List[double]]::new(); $inShown = [Collections.Generic.List[double]]::new()
$shape = [Collections.Generic.List[double]]::new()
$null = Measure-Process 'exit'   # warm the file cache
for ($i = 0; $i -lt $Rounds; $i++) {
    $kinds = @(
        { $bare.Add((Measure-Process 'exit').Ms) },
        { $imported.Add((Measure-Process "Import-Module '$manifest'; exit").Ms) },
        { $empty.Add((Measure-Process "Import-Module '$emptyManifest'; exit").Ms) },
        { $shape.Add((Measure-Process "Import-Module '$shapeManifest'; exit").Ms) },
        { $inFresh.Add([double](Measure-Process (& $timed "Import-Module '$manifest'")).Output) },
        { $inShown.Add([double](Measure-Process ("$shown`n" + (& $timed "Import-Module '$manifest'"))).Output) }
    )
    foreach ($k in 0..($kinds.Count - 1)) { & $kinds[($i + $k) % $kinds.Count] }
    $pair = @(
        { $firstModule.Add([double](Measure-Process ("Import-Module '$manifest'`n" + (& $timed $moduleCall))).Output) },
        { $firstRaw.Add([double](Measure-Process ("Add-Type -Path '$($sdk[0])', '$($sdk[1])'`n" + (& $timed $rawCall))).Output) }
    )
    if ($i % 2) { [array]::Reverse($pair) }
    foreach ($step in $pair) { & $step }
    # An interactive pwsh has imported PSReadLine (a manifest module with views) before the user
    # types Import-Module: PowerShell's one-time module and format loading is paid by then.
    $interactive.Add([double](Measure-Process ("Import-Module PSReadLine`n" + (& $timed "Import-Module '$manifest'"))).Output)
}

# Warm calls: one process, alternately, after both are warm.
$shapeCall = "`$null = Get-ShapeBench -EndpointUrl '$Endpoint' -Region us-east-1 -AccessKey $accessKey -SecretKey $secretKey"
$warmScript = @"
Import-Module '$manifest'
Import-Module '$shapeManifest'
Add-Type -Path '$($sdk[0])', '$($sdk[1])'
$rawCall
`$request = [Amazon.SecurityToken.Model.GetCallerIdentityRequest]::new()
`$module = [Collections.Generic.List[double]]::new(); `$raw = [Collections.Generic.List[double]]::new(); `$shape = [Collections.Generic.List[double]]::new()
# Warm means after the runtime's tiered compilation has settled: the first thousand or so calls
# recompile ~9,000 hot methods (PowerShell's, the HTTP stack's, both copies of the SDK) on a
# background thread, which on two cores competes with the calls and with moto_server. Rounds of
# 100 triples until a round compiles fewer than 20 methods (at most 3,000 triples).
`$warmup = [Diagnostics.Stopwatch]::StartNew(); `$triples = 0; `$compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount()
while (`$true) {
    for (`$i = 0; `$i -lt 100; `$i++) { $moduleCall; `$null = `$client.GetCallerIdentityAsync(`$request).GetAwaiter().GetResult(); $shapeCall }
    `$triples += 100; `$now = [System.Runtime.JitInfo]::GetCompiledMethodCount()
    if (`$now - `$compiled -lt 20 -or `$triples -ge 3000) { break }
    `$compiled = `$now
}
for (`$i = 0; `$i -lt $WarmPairs; `$i++) {
    if (`$i % 2) {
        `$c = [Diagnostics.Stopwatch]::StartNew(); `$null = `$client.GetCallerIdentityAsync(`$request).GetAwaiter().GetResult(); `$raw.Add(`$c.Elapsed.TotalMilliseconds)
        `$c = [Diagnostics.Stopwatch]::StartNew(); $moduleCall; `$module.Add(`$c.Elapsed.TotalMilliseconds)
    } else {
        `$c = [Diagnostics.Stopwatch]::StartNew(); $moduleCall; `$module.Add(`$c.Elapsed.TotalMilliseconds)
        `$c = [Diagnostics.Stopwatch]::StartNew(); `$null = `$client.GetCallerIdentityAsync(`$request).GetAwaiter().GetResult(); `$raw.Add(`$c.Elapsed.TotalMilliseconds)
    }
    # After each pair, as the calls of the pair come after a call: PowerShell's own cost of a cmdlet call.
    `$c = [Diagnostics.Stopwatch]::StartNew(); $shapeCall; `$shape.Add(`$c.Elapsed.TotalMilliseconds)
}
`$m = @(`$module | Sort-Object)[[int](`$module.Count / 2)]; `$r = @(`$raw | Sort-Object)[[int](`$raw.Count / 2)]; `$s = @(`$shape | Sort-Object)[[int](`$shape.Count / 2)]
'{0};{1};{2};{3};{4}' -f `$m.ToString([Globalization.CultureInfo]::InvariantCulture), `$r.ToString([Globalization.CultureInfo]::InvariantCulture), `$s.ToString([Globalization.CultureInfo]::InvariantCulture), `$triples, [int]`$warmup.Elapsed.TotalSeconds
"@
$warm = (Measure-Process $warmScript).Output -split ';' | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture) }

Remove-Item $emptyFolder -Recurse -Force
$importCost = (Get-Median $imported) - (Get-Median $bare)
$emptyCost = (Get-Median $empty) - (Get-Median $bare)
$shapeCost = (Get-Median $shape) - (Get-Median $bare)
$firstRatio = (Get-Median $firstModule) / (Get-Median $firstRaw)
$warmRatio = $warm[0] / $warm[1]
$rows = @(
    [pscustomobject]@{ Figure = 'pwsh -NoProfile with Import-Module (ms)'; StsModule = '{0:N0}' -f (Get-Median $imported); ComparedWith = '{0:N0} bare pwsh -NoProfile' -f (Get-Median $bare); Ratio = 'import adds {0:N0} ms' -f $importCost; Target = '<= 60 ms'; Met = $importCost -le 60 }
    [pscustomobject]@{ Figure = '  the same with a manifest module that exports nothing (ms)'; StsModule = '{0:N0}' -f (Get-Median $empty); ComparedWith = 'PowerShell''s own first manifest import'; Ratio = 'adds {0:N0} ms; StsModule''s own share {1:N0} ms' -f $emptyCost, ($importCost - $emptyCost); Target = ''; Met = '' }
    [pscustomobject]@{ Figure = '  the same with a one-cmdlet module with one view and one type (ms)'; StsModule = '{0:N0}' -f (Get-Median $shape); ComparedWith = 'PowerShell''s first import of that shape'; Ratio = 'adds {0:N0} ms; StsModule''s content {1:N0} ms' -f $shapeCost, ($importCost - $shapeCost); Target = ''; Met = '' }
    [pscustomobject]@{ Figure = 'Import-Module in a fresh pwsh, in-process (ms)'; StsModule = '{0:N0}' -f (Get-Median $inFresh); ComparedWith = 'nothing shown yet'; Ratio = ''; Target = ''; Met = '' }
    [pscustomobject]@{ Figure = 'Import-Module after output was formatted once, in-process (ms)'; StsModule = '{0:N0}' -f (Get-Median $inShown); ComparedWith = 'as a script that has written output'; Ratio = ''; Target = '<= 60 ms'; Met = (Get-Median $inShown) -le 60 }
    [pscustomobject]@{ Figure = 'Import-Module after PSReadLine, in-process (ms)'; StsModule = '{0:N0}' -f (Get-Median $interactive); ComparedWith = 'as an interactive session imports it'; Ratio = ''; Target = '<= 60 ms'; Met = (Get-Median $interactive) -le 60 }
    [pscustomobject]@{ Figure = 'first Get-StsCallerIdentity after import (ms)'; StsModule = '{0:N1}' -f (Get-Median $firstModule); ComparedWith = '{0:N1} raw SDK (Add-Type)' -f (Get-Median $firstRaw); Ratio = '{0:N2}' -f $firstRatio; Target = '<= 0.6'; Met = $firstRatio -le 0.6 }
    [pscustomobject]@{ Figure = 'warm Get-StsCallerIdentity (ms/call)'; StsModule = '{0:N2}' -f $warm[0]; ComparedWith = '{0:N2} raw SDK client' -f $warm[1]; Ratio = '{0:N3}' -f $warmRatio; Target = '<= 1.05'; Met = $warmRatio -le 1.05 }
    [pscustomobject]@{ Figure = '  a do-nothing binary cmdlet bound the same way (ms/call)'; StsModule = '{0:N3}' -f $warm[2]; ComparedWith = 'PowerShell''s cost of a cmdlet call'; Ratio = 'StsModule - raw SDK: {0:N3} ms' -f ($warm[0] - $warm[1]); Target = ''; Met = '' }
)
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Output
# The PE reader owns the stream and closes it with itself.
$pe = [System.Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead([System.Management.Automation.PSObject].Assembly.Location))
try { $readyToRun = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { $pe.Dispose() }
"medians of $Rounds rounds of new processes (import, first call) and of $WarmPairs alternating call pairs (warm, after $($warm[3]) warm-up calls of each of the three, $($warm[4]) s, until the JIT settled), pwsh $($PSVersionTable.PSVersion) ($(if ($readyToRun) { 'ReadyToRun' } else { 'IL only' }): $PSHOME)"
