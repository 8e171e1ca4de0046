# Helpers shared by the Pester tests: a real moto_server on a free loopback port.
Set-StrictMode -Version Latest

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    [CmdletBinding()]
    param([hashtable] $Environment = @{})
    $moto = Get-Command moto_server -ErrorAction SilentlyContinue
    if (-not $moto) { throw 'moto_server is not on PATH: install python3 with moto[server] and boto3.' }
    $port = Get-FreeLoopbackPort
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, [string]$Environment[$key])
    }
    try {
        $process = Start-Process -FilePath $moto.Source -ArgumentList @('-H', '127.0.0.1', '-p', $port) -PassThru `
            -RedirectStandardOutput ([IO.Path]::GetTempFileName()) -RedirectStandardError ([IO.Path]::GetTempFileName())
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
    $endpoint = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "moto_server exited with code $($process.ExitCode)" }
        try {
            $null = Invoke-WebRequest -Uri "$endpoint/moto-api/" -UseBasicParsing -TimeoutSec 2
            return [pscustomobject]@{ Process = $process; Endpoint = $endpoint; Port = $port }
        }
        catch { Start-Sleep -Milliseconds 100 }
    }
    throw "moto_server did not answer on $endpoint"
}

function Stop-MotoServer {
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) { Stop-Process -Id $Server.Process.Id -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function 'Get-FreeLoopbackPort', 'Start-MotoServer', 'Stop-MotoServer'
