#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsConsoleUrl in real pwsh against moto_server on loopback.
# Shared setup (sandbox, module, moto, the documented-answers responder): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession -Documented
}

AfterAll {
    Complete-StsTestSession
}

Describe 'Get-StsConsoleUrl' {
    BeforeAll {
        $Federation = "$($Documented.Endpoint)/federation"
        $ConsoleRole = Use-StsRole $RoleArn 'console' @Conn
    }

    It 'signs a piped role session in to the service console of its region, and never shows the sign-in token' {
        $records = $ConsoleRole | Get-StsConsoleUrl s3 -Region eu-west-1 -FederationEndpoint $Federation -Issuer 'https://intranet.example.com/' -SessionDurationSeconds 3600 -Verbose -Debug 4>&1 5>&1
        $signIn = $records | Where-Object { $_ -is [StsTools.Model.ConsoleSignIn] }
        $signIn.Url | Should -Match ('^' + [regex]::Escape($Federation) + '\?Action=login&Issuer=https%3A%2F%2Fintranet\.example\.com%2F&Destination=https%3A%2F%2Fconsole\.aws\.amazon\.com%2Fs3%2Fhome%3Fregion%3Deu-west-1&SigninToken=SIGNIN-[0-9a-f]{32}-TOKEN$')
        $signIn.Destination | Should -Be 'https://console.aws.amazon.com/s3/home?region=eu-west-1'
        ($signIn.ValidUntil - (Get-Date)).TotalMinutes | Should -BeGreaterThan 14
        ($signIn.ValidUntil - (Get-Date)).TotalMinutes | Should -BeLessOrEqual 15
        $signIn.AccessKeyId | Should -Be $ConsoleRole.Credentials.AccessKeyId
        $token = ($signIn.Url -split 'SigninToken=')[1]
        $text = ($records | Where-Object { $_ -isnot [StsTools.Model.ConsoleSignIn] } | ForEach-Object Message) -join "`n"
        $text | Should -BeLike '*getSigninToken: calling*'
        foreach ($secret in $token, $ConsoleRole.Credentials.SecretAccessKey, $ConsoleRole.Credentials.SessionToken) {
            $text | Should -Not -BeLike "*$secret*"
            ($signIn | Out-String) + ($signIn | Format-List | Out-String) + "$signIn" | Should -Not -BeLike "*$secret*"
        }
    }

    It 'follows the partition of the region: <Region> signs in at <Federation>' -ForEach @(
        @{ Region = 'cn-north-1'; Console = 'https://console.amazonaws.cn/' }
        @{ Region = 'us-gov-west-1'; Console = 'https://console.amazonaws-us-gov.com/' }
    ) {
        # The endpoint is a loopback responder; the console home the Destination names is the partition's.
        $signIn = $ConsoleRole | Get-StsConsoleUrl ec2 -Region $Region -FederationEndpoint $Federation
        $signIn.Destination | Should -Be "$($Console)ec2/home?region=$Region"
    }

    It 'refuses before any call: <Case>' -ForEach @(
        @{ Case = 'a session duration for a federation token'; Id = 'SessionDurationNotAllowed' }
        @{ Case = 'GetSessionToken credentials'; Id = 'ConsoleNeedsRoleCredentials' }
        @{ Case = 'long-term keys'; Id = 'ConsoleNeedsTemporaryCredentials' }
        @{ Case = 'an http endpoint to another machine'; Id = 'InsecureEndpoint' }
    ) {
        $silent = 'http://127.0.0.1:9/federation'   # nothing listens: a call would fail differently
        $err = switch ($Case) {
            'a session duration for a federation token' { { Get-StsFederationToken fed-user @Conn | Get-StsConsoleUrl -SessionDurationSeconds 3600 -FederationEndpoint $silent } | Should -Throw -PassThru }
            'GetSessionToken credentials' { { Get-StsSessionToken -Force @Conn | Get-StsConsoleUrl -FederationEndpoint $silent } | Should -Throw -PassThru }
            'long-term keys' { { Get-StsConsoleUrl @Conn -FederationEndpoint $silent } | Should -Throw -PassThru }
            'an http endpoint to another machine' { { $ConsoleRole | Get-StsConsoleUrl -FederationEndpoint 'http://signin.example.com/federation' } | Should -Throw -PassThru }
        }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'says so without the token or the secrets when the endpoint refuses the credentials' {
        $stale = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIASTALE00000000001'; SecretAccessKey = 'stale-secret-value'; SessionToken = 'expired-token'; Expiration = (Get-Date).AddHours(1) }
        $err = { $stale | Get-StsConsoleUrl -FederationEndpoint $Federation } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FederationSignInFailed,*'
        $err.Exception.Message | Should -BeLike '*HTTP 400*'
        "$err $($err.Exception.InnerException)" | Should -Not -BeLike '*stale-secret-value*'
    }

    It 'opens the sign-in with $env:BROWSER under -Open through an owner-only page, never the token on a command line' {
        $argv = Join-Path $Sandbox 'browser-argv.txt'
        $seen = Join-Path $Sandbox 'browser-saw.txt'
        $browser = Join-Path $Sandbox 'browser.sh'
        Set-Content -Path $browser -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$argv'`nls -l `"`${1#file://}`" > '$seen.mode'`ncat `"`${1#file://}`" > '$seen'`n"
        if ($OnUnix) { chmod +x $browser } else { Set-ItResult -Skipped -Because 'the fake browser is a shell script' }
        $saved = $env:BROWSER
        $env:BROWSER = $browser
        $env:STSMODULE_SIGNIN_PAGE_SECONDS = '2'
        try {
            $out = @($ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation)
            $out.Count | Should -Be 0
            $deadline = (Get-Date).AddSeconds(10)
            while (-not (Test-Path $seen) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $opened = Get-Content $argv -Raw
            $opened | Should -Match '^file:///.*/signin-[0-9a-f]{32}\.html$'
            $opened | Should -Not -BeLike '*SigninToken*'
            Get-Content $seen -Raw | Should -Match 'Action=login&amp;Destination=.*&amp;SigninToken=SIGNIN-'
            Get-Content "$seen.mode" -Raw | Should -BeLike '-rw-------*'
            $page = ([Uri]$opened).LocalPath
            $deadline = (Get-Date).AddSeconds(10)
            while ((Test-Path $page) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Test-Path $page | Should -BeFalse -Because 'the page is removed once the browser has read it'
            ($ConsoleRole | Get-StsConsoleUrl -Open -PassThru -FederationEndpoint $Federation) | Should -BeOfType 'StsTools.Model.ConsoleSignIn'
        }
        finally { Restore-EnvironmentVariable BROWSER $saved; Remove-Item env:STSMODULE_SIGNIN_PAGE_SECONDS -ErrorAction Ignore }
    }

    It 'never runs an opener from the current folder' {
        if (-not $OnUnix) { Set-ItResult -Skipped -Because 'the planted openers are shell scripts' }
        $folder = Join-Path $Sandbox 'cloned-repo'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $marker = Join-Path $Sandbox 'planted-ran.txt'
        foreach ($name in 'xdg-open', 'planted-browser') {
            Set-Content -Path (Join-Path $folder $name) -Value "#!/bin/sh`necho `"`$1`" > '$marker'"
            chmod +x (Join-Path $folder $name)
        }
        $savedPath = $env:PATH; $savedBrowser = $env:BROWSER
        Push-Location $folder
        try {
            $env:PATH = "/nonexistent-ststools-bin$([IO.Path]::PathSeparator).$([IO.Path]::PathSeparator)"
            Remove-Item env:BROWSER -ErrorAction Ignore
            { $ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation } | Should -Throw -ErrorId 'BrowserNotStarted,StsTools.PowerShell.Commands.GetStsConsoleUrlCommand'
            $env:BROWSER = 'planted-browser'
            { $ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation } | Should -Throw -ErrorId 'BrowserNotStarted,StsTools.PowerShell.Commands.GetStsConsoleUrlCommand'
            Start-Sleep -Milliseconds 300
            Test-Path $marker | Should -BeFalse
        }
        finally {
            Pop-Location
            $env:PATH = $savedPath
            Restore-EnvironmentVariable BROWSER $savedBrowser
        }
    }
}
