# Helpers shared by the Pester tests: a real moto_server on a free loopback port.
Set-StrictMode -Version Latest

function Get-FreeLoopbackPort {
    <#
    .SYNOPSIS
    A TCP port on 127.0.0.1 that nothing listens on now.
    #>
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-LoopbackServer {
    <#
    .SYNOPSIS
    Starts a test server of this suite on 127.0.0.1 (its output to temp files) and waits until Probe, given its endpoint, succeeds.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param(
        [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $FilePath, [Parameter(Mandatory)] [object[]] $ArgumentList,
        [Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [scriptblock] $Probe, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 30)
    # Variables only the server should see are set just for its start.
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, [string]$Environment[$key])
    }
    try {
        $process = Start-Process -FilePath $FilePath -ArgumentList $ArgumentList -PassThru `
            -RedirectStandardOutput ([IO.Path]::GetTempFileName()) -RedirectStandardError ([IO.Path]::GetTempFileName())
    }
    finally {
        # Removed again when it was not set: [Environment]::SetEnvironmentVariable from PowerShell
        # would leave it set to "" (moto then fails to read INITIAL_NO_AUTH_ACTION_COUNT).
        foreach ($key in $saved.Keys) { Restore-EnvironmentVariable $key $saved[$key] }
    }
    $endpoint = "http://127.0.0.1:$Port"
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "$Name exited with code $($process.ExitCode)" }
        try {
            & $Probe $endpoint
            return [pscustomobject]@{ Process = $process; Endpoint = $endpoint; Port = $Port }
        }
        catch { Start-Sleep -Milliseconds 100 }
    }
    throw "$Name did not answer on $endpoint"
}

function Start-MotoServer {
    <#
    .SYNOPSIS
    Starts moto_server on a free loopback port (optionally with extra environment variables) and waits until it answers.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    [CmdletBinding()]
    param([hashtable] $Environment = @{})
    $moto = Get-Command moto_server -ErrorAction SilentlyContinue
    if (-not $moto) { throw 'moto_server is not on PATH: install python3 with moto[server] and boto3.' }
    $port = Get-FreeLoopbackPort
    Start-LoopbackServer -Name moto_server -FilePath $moto.Source -ArgumentList @('-H', '127.0.0.1', '-p', $port) -Port $port -Environment $Environment -TimeoutSeconds 60 `
        -Probe { param($endpoint) $null = Invoke-WebRequest -Uri "$endpoint/moto-api/" -UseBasicParsing -TimeoutSec 2 }
}

function Get-Python {
    <#
    .SYNOPSIS
    python3 on Unix; python on the Windows runners.
    #>
    $python = Get-Command 'python3', 'python' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $python) { throw 'python3 is required (with moto[server] and boto3).' }
    $python.Source
}

function Start-DocumentedStsServer {
    <#
    .SYNOPSIS
    tests/fixtures/documented_sts.py: the documented XML of the STS operations moto lacks.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param()
    $port = Get-FreeLoopbackPort
    Start-LoopbackServer -Name documented_sts.py -FilePath (Get-Python) -ArgumentList @((Join-Path $PSScriptRoot 'fixtures/documented_sts.py'), $port) -Port $port `
        -Probe { param($endpoint) $null = Invoke-WebRequest -Uri "$endpoint/" -UseBasicParsing -TimeoutSec 2 }
}

function New-SamlAssertion {
    <#
    .SYNOPSIS
    A SAML 2.0 Response carrying the AWS role attributes, base64-encoded, as an IdP posts it.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param([string] $RoleArn, [string] $ProviderArn, [string] $SessionName)
    $now = [DateTime]::UtcNow
    $stamp = { param($t) $t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") }
    $xml = @"
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="$(& $stamp $now)">
  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.example.com/</saml:Issuer>
  <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="$(& $stamp $now)">
    <saml:Issuer>https://idp.example.com/</saml:Issuer>
    <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</saml:NameID></saml:Subject>
    <saml:AttributeStatement>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>$RoleArn,$ProviderArn</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>$SessionName</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><saml:AttributeValue>1800</saml:AttributeValue></saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>
"@
    [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($xml))
}

function Get-PwshPath {
    <#
    .SYNOPSIS
    The PowerShell executable of this session, as a user's machine has it: pwsh in $PSHOME (powershell.exe on Windows PowerShell). Not (Get-Process -Id $PID).Path, which is dotnet when pwsh runs as a .NET tool (`dotnet pwsh`).
    #>
    $name = if ($PSVersionTable.PSEdition -eq 'Desktop') { 'powershell.exe' } elseif ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $path = Join-Path $PSHOME $name
    if (-not (Test-Path $path)) { throw "No $name in $PSHOME" }
    $path
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
    Runs a script in a new PowerShell process (-NoProfile -NonInteractive) and returns its output lines, errors included, with the exit code in $LASTEXITCODE.
    #>
    param([Parameter(Mandatory)] [string] $Command)
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
    & (Get-PwshPath) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
}

function Get-NuGetPackageFile {
    <#
    .SYNOPSIS
    A file of a package that tests/tools/PowerShellModules.csproj restores (build.ps1 restores it).
    #>
    param([Parameter(Mandatory)] [string] $Package, [Parameter(Mandatory)] [string] $Version, [Parameter(Mandatory)] [string] $RelativePath)
    $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((& dotnet nuget locals global-packages --list | Select-Object -First 1) -replace '^global-packages:\s*', '').Trim() }
    $path = [IO.Path]::Combine($root, $Package.ToLowerInvariant(), $Version, $RelativePath)
    if (-not (Test-Path $path)) {
        $null = & dotnet restore (Join-Path $PSScriptRoot 'tools/PowerShellModules.csproj') --nologo -v quiet
    }
    if (-not (Test-Path $path)) { throw "$Package $Version is not in the NuGet packages folder ($path)" }
    $path
}

function Start-SilentListener {
    <#
    .SYNOPSIS
    A loopback TCP listener that accepts connections and never answers; Connections counts them.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param()
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    [pscustomobject]@{ Listener = $listener; Port = $listener.LocalEndpoint.Port; Endpoint = "http://127.0.0.1:$($listener.LocalEndpoint.Port)" }
}

function Get-PendingConnectionCount {
    <#
    .SYNOPSIS
    How many connections reached a silent listener (accepted here, then closed).
    #>
    param([Parameter(Mandatory)] $Silent)
    $count = 0
    while ($Silent.Listener.Pending()) { $Silent.Listener.AcceptTcpClient().Dispose(); $count++ }
    $count
}

function Restore-EnvironmentVariable {
    <#
    .SYNOPSIS
    Puts an environment variable back as it was: removed when it had no value. ([Environment]::SetEnvironmentVariable
    from PowerShell would set it to an empty string, as PowerShell passes $null to a string argument as "".)
    #>
    param([Parameter(Mandatory)] [string] $Name, [AllowNull()] [AllowEmptyString()] [string] $Value)
    if ([string]::IsNullOrEmpty($Value)) { Remove-Item "env:$Name" -ErrorAction SilentlyContinue } else { Set-Item "env:$Name" $Value }
}

function Start-StsProxy {
    <#
    .SYNOPSIS
    tests/fixtures/sts_proxy.py in front of an STS endpoint: a delay per request, a log of who signed each call, AccessDenied for some accounts, a redirect, a skewed clock, or a broken answer (-Misbehave).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param([Parameter(Mandatory)] [string] $Upstream, [int] $DelayMs = 0, [string] $Log, [string[]] $DenyAccount = @(), [string] $Redirect, [int] $ClockOffsetMinutes = 0,
        [ValidateSet('stall-body', 'huge-body', 'long-error', 'no-credentials')] [string] $Misbehave)
    $port = Get-FreeLoopbackPort
    $arguments = @((Join-Path $PSScriptRoot 'fixtures/sts_proxy.py'), $port, $Upstream, '--delay-ms', $DelayMs)
    if ($Log) { $arguments += '--log', $Log }
    foreach ($account in $DenyAccount) { $arguments += '--deny-account', $account }
    if ($Redirect) { $arguments += '--redirect', $Redirect }
    if ($ClockOffsetMinutes) { $arguments += '--clock-offset-minutes', $ClockOffsetMinutes }
    if ($Misbehave) { $arguments += '--misbehave', $Misbehave }
    Start-LoopbackServer -Name sts_proxy.py -FilePath (Get-Python) -ArgumentList $arguments -Port $port `
        -Probe { param($endpoint) ([System.Net.Sockets.TcpClient]::new('127.0.0.1', ([Uri]$endpoint).Port)).Dispose() }
}

function Start-SsoStandIn {
    <#
    .SYNOPSIS
    tests/fixtures/sso_standin.py: IAM Identity Center's OIDC and portal APIs on loopback (moto has neither).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param([int] $Pending = 1, [switch] $SlowDown, [int] $TokenSeconds = 3600)
    $port = Get-FreeLoopbackPort
    $arguments = @((Join-Path $PSScriptRoot 'fixtures/sso_standin.py'), $port, '--pending', $Pending, '--token-seconds', $TokenSeconds)
    if ($SlowDown) { $arguments += '--slow-down' }
    Start-LoopbackServer -Name sso_standin.py -FilePath (Get-Python) -ArgumentList $arguments -Port $port `
        -Probe { param($endpoint) $null = Invoke-RestMethod -Uri "$endpoint/_calls" -TimeoutSec 2 }
}

function Stop-MotoServer {
    <#
    .SYNOPSIS
    Stops a server that Start-MotoServer or Start-DocumentedStsServer started.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) { Stop-Process -Id $Server.Process.Id -Force -ErrorAction SilentlyContinue }
}

function New-AnsweringHost {
    <#
    .SYNOPSIS
    A PSHost that answers prompts (and choices, by index) from -Answer in order and records each prompt's caption (.Answering.Captions); run code in it with Invoke-InAnsweringHost.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A test helper that starts or stops a loopback server of the test run, or builds a value; nothing a user would confirm.')]
    param([string[]] $Answer = @())
    if (-not ('StsToolsTests.AnsweringHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'AnsweringHost.cs')
    }
    [StsToolsTests.AnsweringHost]::new([string[]]$Answer)
}

function Invoke-InAnsweringHost {
    <#
    .SYNOPSIS
    Runs a script in a new runspace of the given host (New-AnsweringHost) and returns its output; errors are thrown.
    #>
    param([Parameter(Mandatory)] $TestHost, [Parameter(Mandatory)] [string] $Script)
    $runspace = [runspacefactory]::CreateRunspace($TestHost)
    $runspace.Open()
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $runspace
        $out = $ps.AddScript($Script).Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
        $out
    }
    finally { $ps.Dispose(); $runspace.Dispose() }
}

function Initialize-StsTestSession {
    <#
    .SYNOPSIS
    The setup the cmdlet test files share, for a Pester BeforeAll: a sandbox that the shared AWS files point into (no test reads the developer's ~/.aws), no AWS_* credentials or region from the environment, the module imported, moto started (with -Documented also the loopback responder of documented answers); sets $RepoRoot, $Sandbox, $Moto, $Documented, $Conn, $RoleArn, $OnUnix and $Python in the caller's scope.
    #>
    [CmdletBinding()]
    param([switch] $Documented)
    $repoRoot = Split-Path -Parent $PSScriptRoot
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-pester-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $sandbox
    $env:AWS_CONFIG_FILE = Join-Path $sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $sandbox 'credentials'
    foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }
    # -Global: from a module function, Import-Module would import into this module's scope only.
    Import-Module (Join-Path $repoRoot 'StsModule.psd1') -Force -Global
    $moto = Start-MotoServer
    $values = [ordered]@{
        RepoRoot   = $repoRoot
        Sandbox    = $sandbox
        Moto       = $moto
        Documented = if ($Documented) { Start-DocumentedStsServer } else { $null }
        Conn       = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'pester-secret-key-for-moto-only' }
        RoleArn    = 'arn:aws:iam::123456789012:role/PesterRole'
        # Unix file modes exist on PowerShell 7 off Windows only ($IsWindows is not defined in 5.1).
        OnUnix     = ($PSVersionTable.PSEdition -eq 'Core') -and -not $IsWindows
        Python     = Get-Python
    }
    foreach ($name in $values.Keys) { $PSCmdlet.SessionState.PSVariable.Set($name, $values[$name]) }
}

function Complete-StsTestSession {
    <#
    .SYNOPSIS
    The AfterAll of Initialize-StsTestSession: stops its servers, removes the module and the sandbox.
    #>
    [CmdletBinding()]
    param()
    foreach ($server in 'Moto', 'Documented') {
        $value = $PSCmdlet.SessionState.PSVariable.GetValue($server)
        if ($value) { Stop-MotoServer $value }
    }
    Remove-Module StsModule -ErrorAction SilentlyContinue
    $sandbox = $PSCmdlet.SessionState.PSVariable.GetValue('Sandbox')
    if ($sandbox) { Remove-Item $sandbox -Recurse -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function 'Initialize-StsTestSession', 'Complete-StsTestSession', 'Get-Python', 'Get-FreeLoopbackPort', 'Start-MotoServer', 'Start-DocumentedStsServer', 'Start-StsProxy', 'Start-SsoStandIn', 'New-SamlAssertion', 'Stop-MotoServer',
    'Get-PwshPath', 'Invoke-FreshPwsh', 'Restore-EnvironmentVariable', 'Get-NuGetPackageFile', 'Start-SilentListener', 'Get-PendingConnectionCount', 'New-AnsweringHost', 'Invoke-InAnsweringHost'
