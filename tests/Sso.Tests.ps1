#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# IAM Identity Center in the pinned pwsh: sign-in (device authorization), the AWS CLI's token
# cache, refresh, accounts, roles and role credentials, SSO profiles as a credential source,
# and interop with boto3 in both directions. tests/fixtures/sso_standin.py stands in for the SSO
# OIDC and portal APIs (moto has neither); moto answers the STS calls behind
# tests/fixtures/sts_proxy.py, whose log says which access key signed each call.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $Manifest = Join-Path $RepoRoot 'StsModule.psd1'
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-sso-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
    $Saved = @{}
    foreach ($n in 'HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'BROWSER') {
        $Saved[$n] = [Environment]::GetEnvironmentVariable($n)
    }
    foreach ($n in 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'BROWSER') { Remove-Item "env:$n" -ErrorAction Ignore }
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    # ~/.aws/sso/cache is under HOME, as the AWS CLI and botocore find it: the sandbox's.
    $env:HOME = $Sandbox
    $env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
    Set-Content -Path $env:AWS_CONFIG_FILE -Value @'
[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile chained]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = sso-dev

[profile signed-in-elsewhere]
login_session = arn:aws:iam::111122223333:user/alice

[profile chained-from-login]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = signed-in-elsewhere

[profile keys-only]
region = us-east-1
'@

    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $Manifest -Force
    $SsoStandIn = Start-SsoStandIn
    $env:AWS_ENDPOINT_URL_SSO = $SsoStandIn.Endpoint
    $env:AWS_ENDPOINT_URL_SSO_OIDC = $SsoStandIn.Endpoint
    $Moto = Start-MotoServer
    $StsLog = Join-Path $Sandbox 'sts.log'
    $Sts = Start-StsProxy -Upstream $Moto.Endpoint -Log $StsLog
    $Python = Get-Python

    function Get-Sha1Name([string] $Text) {
        $sha1 = [Security.Cryptography.SHA1]::Create()
        (($sha1.ComputeHash([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') }) -join '') + '.json'
    }
    $CacheFolder = Join-Path $Sandbox '.aws/sso/cache'
    $CorpFile = Join-Path $CacheFolder (Get-Sha1Name 'corp')
    # Invoke-RestMethod writes a JSON array as one object: enumerate it.
    function Get-Call { Invoke-RestMethod -Uri "$($SsoStandIn.Endpoint)/_calls" | ForEach-Object { $_ } }
    function Get-StsSigner { if (Test-Path $StsLog) { Get-Content $StsLog | ForEach-Object { $a, $k, $null = $_ -split ' '; [pscustomobject]@{ Action = $a; Key = $k } } } }
    function Connect-Corp { $null = Connect-StsSso -ProfileName sso-dev -NoBrowser -Force -InformationAction Ignore }
    # A browser for the authorization code sign-in, as the user would drive it: it opens the
    # address (noted in $Opened), IAM Identity Center (the stand-in) signs the user in and
    # redirects to the loopback address the module listens on. Returns the launcher for BROWSER.
    function Build-PkceBrowser([string] $Opened) {
        $script = Join-Path $Sandbox 'pkce-browser.py'
        Set-Content -Path $script -Value "import sys, urllib.request`nopen(sys.argv[2], 'w').write(sys.argv[1])`nurllib.request.urlopen(sys.argv[1]).read()"
        $launcher = Join-Path $Sandbox ('pkce-browser-' + [IO.Path]::GetFileNameWithoutExtension($Opened))
        Set-Content -Path $launcher -Value "#!/bin/sh`nexec '$Python' '$script' `"`$1`" '$Opened'"
        chmod +x $launcher
        $launcher
    }
}

AfterAll {
    Stop-MotoServer $Sts
    Stop-MotoServer $Moto
    Stop-MotoServer $SsoStandIn
    foreach ($n in $Saved.Keys) { Restore-EnvironmentVariable $n $Saved[$n] }
    Remove-Module StsModule -ErrorAction SilentlyContinue
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Signing in to IAM Identity Center' {
    BeforeEach { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache }

    It 'fails before any network call, naming the profile and how to sign in, when nobody has signed in' {
        $before = @(Get-Call).Count
        $err = { Get-StsCallerIdentity -ProfileName sso-dev -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SsoSignInRequired,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike "*profile 'sso-dev'*Connect-StsSso -ProfileName sso-dev*aws sso login --profile sso-dev*"
        @(Get-Call).Count | Should -Be $before
    }

    It 'signs in with a device code shown on the host, never on the output, and writes the token cache owner-only with the AWS CLI''s fields' {
        $result = Connect-StsSso -ProfileName sso-dev -NoBrowser -InformationVariable shown -InformationAction Ignore
        $result | Should -BeOfType ([StsTools.Model.SsoSignIn])
        $result.SsoSession | Should -Be 'corp'
        $result.CanRefresh | Should -BeTrue
        $result.TokenFile | Should -Be $CorpFile
        "$shown" | Should -Match 'open http://127\.0\.0\.1:\d+/device and confirm the code ABCD-\d{4}'
        ($result | Format-List * | Out-String) | Should -Not -Match 'ABCD-'
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $token.startUrl | Should -Be 'https://corp.awsapps.com/start'
        $token.region | Should -Be 'us-east-1'
        $token.accessToken | Should -BeLike 'sso-access-token-*'
        $token.refreshToken | Should -BeLike 'sso-refresh-token-*'
        $token.clientId | Should -BeLike 'client-*'
        $raw = Get-Content $CorpFile -Raw
        $raw | Should -Match '"expiresAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
        $raw | Should -Match '"registrationExpiresAt":"[^"]+Z"'
        if ($IsLinux -or $IsMacOS) {
            (Get-Item $CorpFile).UnixMode | Should -Be '-rw-------'
            (Get-Item $CacheFolder).UnixMode | Should -Be 'drwx------'
        }
        $calls = Get-Call | Where-Object op -EQ 'CreateToken' | Select-Object -Last 2
        $calls.poll | Should -Be 1, 2 -Because 'authorization_pending once, then the token'
        $register = Get-Call | Where-Object op -EQ 'RegisterClient' | Select-Object -Last 1
        $register.grantTypes | Should -Contain 'urn:ietf:params:oauth:grant-type:device_code'
        $register.grantTypes | Should -Contain 'refresh_token'
    }

    It 'keeps a valid sign-in, and reuses a still-valid client registration with -Force' {
        Connect-Corp
        $first = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $registrations = @(Get-Call | Where-Object op -EQ 'RegisterClient').Count
        $devices = @(Get-Call | Where-Object op -EQ 'StartDeviceAuthorization').Count
        $null = Connect-StsSso -ProfileName sso-dev -NoBrowser -InformationAction Ignore
        @(Get-Call | Where-Object op -EQ 'StartDeviceAuthorization').Count | Should -Be $devices -Because 'a valid sign-in is kept'
        Connect-Corp
        @(Get-Call | Where-Object op -EQ 'RegisterClient').Count | Should -Be $registrations -Because 'the registration is still valid'
        (Get-Content $CorpFile -Raw | ConvertFrom-Json).clientId | Should -Be $first.clientId
        (Get-Content $CorpFile -Raw | ConvertFrom-Json).accessToken | Should -Not -Be $first.accessToken
    }

    It 'opens $env:BROWSER at the verification URL, and not with -NoBrowser' {
        $opened = Join-Path $Sandbox 'opened.txt'
        $browser = Join-Path $Sandbox 'fake-browser'
        Set-Content -Path $browser -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$opened'"
        if ($IsLinux -or $IsMacOS) { chmod +x $browser } else { Set-ItResult -Skipped -Because 'the fake browser is a shell script' }
        $env:BROWSER = $browser
        try {
            $null = Connect-StsSso -ProfileName sso-dev -InformationAction Ignore
            $deadline = (Get-Date).AddSeconds(10)
            while (-not (Test-Path $opened) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-Content $opened -Raw | Should -Match '^http://127\.0\.0\.1:\d+/device\?user_code=ABCD-\d{4}$'
            Remove-Item $opened
            $null = Connect-StsSso -ProfileName sso-dev -NoBrowser -Force -InformationAction Ignore
            Start-Sleep -Milliseconds 300
            Test-Path $opened | Should -BeFalse
        }
        finally { Remove-Item env:BROWSER }
    }

    It 'polls more slowly after slow_down, and stops polling on Ctrl+C' {
        $slow = Start-SsoStandIn -SlowDown
        $pending = Start-SsoStandIn -Pending 1000
        try {
            $env:AWS_ENDPOINT_URL_SSO_OIDC = $slow.Endpoint
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Connect-StsSso -SsoSession corp -NoBrowser -Force -InformationAction Ignore
            $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 6 -Because 'the third poll waits the interval plus 5 s'
            $polls = @(Invoke-RestMethod "$($slow.Endpoint)/_calls" | ForEach-Object { $_ } | Where-Object op -EQ 'CreateToken')
            $polls.Count | Should -Be 3

            Remove-Item $CorpFile   # its client registration belongs to the other stand-in
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$Manifest'; `$env:AWS_ENDPOINT_URL_SSO_OIDC = '$($pending.Endpoint)'; Connect-StsSso -SsoSession corp -NoBrowser -Force")
            $async = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(20)
            while (@(Invoke-RestMethod "$($pending.Endpoint)/_calls" | ForEach-Object { $_ } | Where-Object op -EQ 'CreateToken').Count -lt 2 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $ps.Streams.Progress.StatusDescription | Should -Match 'Waiting for code ABCD-\d{4} to be confirmed'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $async.IsCompleted | Should -BeTrue
            $ps.Dispose()
        }
        finally {
            $env:AWS_ENDPOINT_URL_SSO_OIDC = $SsoStandIn.Endpoint
            Stop-MotoServer $slow
            Stop-MotoServer $pending
        }
    }

    It 'signs in with the authorization code flow and PKCE: the browser comes back to 127.0.0.1, the token serves boto3 too' {
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'the browser launcher is a shell script' }
        $opened = Join-Path $Sandbox 'pkce-opened.txt'
        $env:BROWSER = Build-PkceBrowser $opened
        try {
            $shown = Connect-StsSso -ProfileName sso-dev -Flow AuthorizationCode -Force -InformationVariable hostText
            $shown.TokenFile | Should -Be $CorpFile
            $url = Get-Content $opened -Raw
            $url | Should -Match "^$([regex]::Escape($SsoStandIn.Endpoint))/authorize\?response_type=code&client_id=client-\d+&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&state=[0-9a-f-]{36}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=[A-Za-z0-9_-]{43}$"
            "$hostText" | Should -BeLike "*$url*" -Because 'the address is shown on the host too, for a browser elsewhere on this machine'
            $registration = Get-Call | Where-Object op -EQ 'RegisterClient' | Select-Object -Last 1
            $registration.grantTypes | Should -Be 'authorization_code', 'refresh_token'
            $registration.redirectUris | Should -Be 'http://127.0.0.1/oauth/callback'
            $registration.issuerUrl | Should -Be 'https://corp.awsapps.com/start'
            (Get-Call | Where-Object op -EQ 'Authorize' | Select-Object -Last 1).problems | Should -BeNullOrEmpty
            (Get-Call | Where-Object op -EQ 'CreateToken' | Select-Object -Last 1).ok | Should -BeTrue -Because 'the code, the redirect and the PKCE verifier match'
            (Get-StsSsoAccount -ProfileName sso-dev).Count | Should -Be 3
            $key = & $Python -c "import boto3; print(boto3.Session(profile_name='sso-dev').get_credentials().access_key)"
            $key | Should -BeLike 'ASIASSO*'
            # A device sign-in afterwards does not reuse that registration (it is not for the device grant).
            $null = Connect-StsSso -ProfileName sso-dev -NoBrowser -Force -InformationAction Ignore
            (Get-Call | Where-Object op -EQ 'StartDeviceAuthorization' | Select-Object -Last 2)[0].refused | Should -Be 'unauthorized_client'
            (Get-Call | Where-Object op -EQ 'RegisterClient' | Select-Object -Last 1).grantTypes | Should -Contain 'urn:ietf:params:oauth:grant-type:device_code'
        }
        finally { Remove-Item env:BROWSER }
    }

    It 'shares client registrations with the AWS CLI v2 in its registration cache, and keeps them at sign-out' {
        $keyScript = "import json, hashlib; print(hashlib.sha1(json.dumps({'tool': 'botocore', 'startUrl': 'https://corp.awsapps.com/start', 'region': 'us-east-1', 'scopes': None, 'session_name': 'corp'}, sort_keys=True).encode('utf-8')).hexdigest())"
        $registrationFile = Join-Path $CacheFolder ((& $Python -c $keyScript) + '.json')
        Remove-Item $registrationFile -ErrorAction Ignore
        $null = Connect-StsSso -SsoSession corp -NoBrowser -Force -InformationAction Ignore
        $registration = Get-Content $registrationFile -Raw | ConvertFrom-Json
        $registration.clientId | Should -Be (Get-Content $CorpFile -Raw | ConvertFrom-Json).clientId
        ([DateTime]$registration.expiresAt).ToUniversalTime() | Should -BeGreaterThan ([DateTime]::UtcNow.AddDays(30))
        if ($IsLinux -or $IsMacOS) { (Get-Item $registrationFile).UnixMode | Should -Be '-rw-------' }
        Disconnect-StsSso -SsoSession corp
        Test-Path $registrationFile | Should -BeTrue -Because 'aws sso logout keeps registrations too'
        # A registration for the authorization code flow as aws sso login writes it is reused.
        $cli = @'
import sys, json, datetime, boto3
oidc = boto3.client("sso-oidc", region_name="us-east-1")
client = oidc.register_client(clientName="botocore-client-corp", clientType="public", grantTypes=["authorization_code", "refresh_token"],
    redirectUris=["http://127.0.0.1/oauth/callback"], issuerUrl="https://corp.awsapps.com/start", scopes=["sso:account:access"])
expires = datetime.datetime.fromtimestamp(client["clientSecretExpiresAt"], datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump({"clientId": client["clientId"], "clientSecret": client["clientSecret"], "expiresAt": expires,
    "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}, open(sys.argv[1], "w"))
print(client["clientId"])
'@
        $cliClient = & $Python -c $cli $registrationFile
        $LASTEXITCODE | Should -Be 0
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'the browser launcher is a shell script' }
        $env:BROWSER = Build-PkceBrowser (Join-Path $Sandbox 'pkce-opened-again.txt')
        try {
            $registrations = @(Get-Call | Where-Object op -EQ 'RegisterClient').Count
            $null = Connect-StsSso -SsoSession corp -Flow AuthorizationCode -Force -InformationAction Ignore
            @(Get-Call | Where-Object op -EQ 'RegisterClient').Count | Should -Be $registrations -Because 'the AWS CLI''s registration for this flow is still valid'
            (Get-Call | Where-Object op -EQ 'Authorize' | Select-Object -Last 1).client | Should -Be $cliClient
            (Get-Content $CorpFile -Raw | ConvertFrom-Json).clientId | Should -Be $cliClient
        }
        finally { Remove-Item env:BROWSER }
    }

    It 'trusts no registration file others could write, signs in when the registration cannot be kept, and names a token path that cannot take the token before any call' {
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'file modes and links are Unix' }
        $keyScript = "import json, hashlib; print(hashlib.sha1(json.dumps({'tool': 'botocore', 'startUrl': 'https://corp.awsapps.com/start', 'region': 'us-east-1', 'scopes': None, 'session_name': 'corp'}, sort_keys=True).encode('utf-8')).hexdigest())"
        $registrationFile = Join-Path $CacheFolder ((& $Python -c $keyScript) + '.json')
        $null = Connect-StsSso -SsoSession corp -NoBrowser -Force -InformationAction Ignore
        chmod 666 $registrationFile
        $registrations = @(Get-Call | Where-Object op -EQ 'RegisterClient').Count
        Remove-Item $CorpFile   # its registration would serve otherwise
        $null = Connect-StsSso -SsoSession corp -NoBrowser -Force -InformationAction Ignore
        @(Get-Call | Where-Object op -EQ 'RegisterClient').Count | Should -Be ($registrations + 1) -Because 'a registration file others can write is not trusted'
        (Get-Item $registrationFile).UnixMode | Should -Be '-rw-------' -Because 'the new registration replaced it, owner-only'
        # A registration path that cannot take the file: the sign-in goes on, with a warning.
        Remove-Item $registrationFile, $CorpFile
        $null = New-Item -ItemType Directory -Path $registrationFile
        try {
            $signIn = Connect-StsSso -SsoSession corp -NoBrowser -InformationAction Ignore -WarningVariable warned -WarningAction SilentlyContinue
            $signIn.TokenFile | Should -Be $CorpFile
            "$warned" | Should -BeLike "*could not be kept in '$registrationFile'*the sign-in goes on*"
        }
        finally { Remove-Item $registrationFile -Recurse -Force }
        # A token path that is a link to nothing: said before any call, naming it.
        Remove-Item $CorpFile
        $null = New-Item -ItemType SymbolicLink -Path $CorpFile -Target (Join-Path $Sandbox 'nowhere/token.json')
        try {
            $before = @(Get-Call).Count
            $err = { Connect-StsSso -SsoSession corp -NoBrowser -Force -InformationAction Ignore } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
            $err.Exception.Message | Should -BeLike "*'$CorpFile', is a link to a file that does not exist*remove it*"
            @(Get-Call).Count | Should -Be $before
        }
        finally { Remove-Item $CorpFile -Force }
    }

    It 'takes only the answer with its state, serves spare connections side by side, says why a denied sign-in failed, and stops on Ctrl+C' {
        # A browser with a spare connection that sends nothing, and a local page that tries to end
        # or plant the sign-in (another state, an error without a state) before the real answer.
        $browser = Join-Path $Sandbox 'busy-browser.py'
        Set-Content -Path $browser -Value @'
import sys, socket, urllib.request, urllib.error, urllib.parse
url, log, mode = sys.argv[1], sys.argv[2], sys.argv[3]
class Stop(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
try:
    urllib.request.build_opener(Stop).open(url)
except urllib.error.HTTPError as e:
    location = e.headers["Location"]
parts = urllib.parse.urlsplit(location)
state = urllib.parse.parse_qs(parts.query)["state"][0]
base = "http://%s:%d/oauth/callback" % (parts.hostname, parts.port)
idle = socket.create_connection((parts.hostname, parts.port))
targets = [location.replace("state=", "state=forged-"), base + "?error=access_denied"]
targets.append(location if mode == "sign-in" else base + "?" + urllib.parse.urlencode({"error": "access_denied", "error_description": "User said no", "state": state}))
statuses = []
for target in targets:
    try:
        answer = urllib.request.urlopen(target, timeout=20)
        statuses.append("%d %s" % (answer.status, "Signed in" in answer.read().decode()))
    except urllib.error.HTTPError as e:
        statuses.append(str(e.code))
open(log, "w").write(" | ".join(statuses))
idle.close()
'@
        $log = Join-Path $Sandbox 'busy-browser.log'
        $launcher = Join-Path $Sandbox 'busy-browser'
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'the browser launcher is a shell script' }
        try {
            foreach ($mode in 'sign-in', 'deny') {
                Set-Content -Path $launcher -Value "#!/bin/sh`nexec '$Python' '$browser' `"`$1`" '$log' $mode"
                chmod +x $launcher
                $env:BROWSER = $launcher
                $watch = [Diagnostics.Stopwatch]::StartNew()
                if ($mode -eq 'sign-in') {
                    $null = Connect-StsSso -SsoSession corp -Flow AuthorizationCode -Force -InformationAction Ignore
                    $watch.Elapsed.TotalSeconds | Should -BeLessThan 8 -Because 'the spare connection is served beside the answer, not before it'
                    Get-Content $log -Raw | Should -Be '400 | 400 | 200 True' -Because 'only the answer with the state counts, and its page says signed in'
                }
                else {
                    $err = { Connect-StsSso -SsoSession corp -Flow AuthorizationCode -Force -InformationAction Ignore } | Should -Throw -PassThru
                    $err.FullyQualifiedErrorId | Should -BeLike 'SsoSignInDenied,*'
                    $err.Exception.Message | Should -BeLike "*access_denied*User said no*"
                    Get-Content $log -Raw | Should -Be '400 | 400 | 200 False'
                }
            }
        }
        finally { Remove-Item env:BROWSER }
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$Manifest'; Connect-StsSso -SsoSession corp -Flow AuthorizationCode -NoBrowser -Force")
        $async = $ps.BeginInvoke()
        $deadline = (Get-Date).AddSeconds(20)
        while ($ps.Streams.Progress.Count -eq 0 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $ps.Streams.Progress[0].StatusDescription | Should -BeLike 'Waiting for the browser to come back to http://127.0.0.1:*/oauth/callback'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $async.IsCompleted | Should -BeTrue
        $ps.Dispose()
    }

    It 'signs out: the portal''s Logout, then the token removed; -WhatIf changes nothing' {
        Connect-Corp
        $token = (Get-Content $CorpFile -Raw | ConvertFrom-Json).accessToken
        Disconnect-StsSso -ProfileName sso-dev -WhatIf
        Test-Path $CorpFile | Should -BeTrue
        Disconnect-StsSso -ProfileName sso-dev
        Test-Path $CorpFile | Should -BeFalse
        (Get-Call | Where-Object op -EQ 'Logout' | Select-Object -Last 1).token | Should -Be $token
        { Get-StsSsoAccount -ProfileName sso-dev } | Should -Throw -ErrorId 'SsoSignInRequired,StsTools.PowerShell.Commands.GetStsSsoAccountCommand'
    }
}

Describe 'Accounts, roles and role credentials' {
    BeforeAll { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache; Connect-Corp }
    BeforeEach { Remove-Item $StsLog -ErrorAction Ignore }

    It 'lists every account across the pages, and the roles of piped accounts' {
        $pages = @(Get-Call | Where-Object op -EQ 'ListAccounts').Count
        $accounts = Get-StsSsoAccount -ProfileName sso-dev
        $accounts.AccountId | Should -Be '111122223333', '444455556666', '777788889999'
        $accounts[0].AccountName | Should -Be 'dev'
        @(Get-Call | Where-Object op -EQ 'ListAccounts').Count | Should -Be ($pages + 2)
        $roles = $accounts | Get-StsSsoRole
        $roles.Count | Should -Be 6
        ($roles | Where-Object AccountId -EQ '444455556666').RoleName | Should -Be 'Admin', 'ReadOnly'
        (Get-StsSsoRole -SsoSession corp -AccountId 777788889999).RoleName | Should -Be 'Admin', 'ReadOnly'
    }

    It 'gets role credentials for piped accounts, in the module''s Credentials shape, and pipes them on' {
        $creds = Get-StsSsoAccount -ProfileName sso-dev | Get-StsSsoRoleCredential -RoleName ReadOnly -ThrottleLimit 3
        $creds.AccountId | Should -Be '111122223333', '444455556666', '777788889999'
        $creds[0] | Should -BeOfType ([StsTools.Model.SsoRoleCredentials])
        $creds[0].Credentials | Should -BeOfType ([StsTools.Model.Credentials])
        $creds[0].Credentials.AccessKeyId | Should -BeLike 'ASIASSO*'
        $creds[1] | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID } | Should -Be $creds[1].Credentials.AccessKeyId
        ($creds[2] | Get-StsCallerIdentity -EndpointUrl $Sts.Endpoint) | Should -Not -BeNullOrEmpty
        (Get-StsSigner | Select-Object -Last 1).Key | Should -Be $creds[2].Credentials.AccessKeyId
    }

    It 'caches role credentials per account and role' {
        $a = Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName Admin
        $count = @(Get-Call | Where-Object op -EQ 'GetRoleCredentials').Count
        $again = Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName Admin
        $other = Get-StsSsoRoleCredential -SsoSession corp -AccountId 444455556666 -RoleName Admin
        $again.Credentials.AccessKeyId | Should -Be $a.Credentials.AccessKeyId
        $other.Credentials.AccessKeyId | Should -Not -Be $a.Credentials.AccessKeyId
        @(Get-Call | Where-Object op -EQ 'GetRoleCredentials').Count | Should -Be ($count + 1)
    }

    It 'signs with an SSO profile on -ProfileName, through AWS_PROFILE, and as the source_profile of a role profile' {
        $admin = Get-StsSsoRoleCredential -ProfileName sso-dev
        $null = Get-StsCallerIdentity -ProfileName sso-dev -EndpointUrl $Sts.Endpoint
        (Get-StsSigner | Select-Object -Last 1).Key | Should -Be $admin.Credentials.AccessKeyId
        $env:AWS_PROFILE = 'sso-dev'
        try { $null = Get-StsCallerIdentity -EndpointUrl $Sts.Endpoint }
        finally { Remove-Item env:AWS_PROFILE }
        (Get-StsSigner | Select-Object -Last 1).Key | Should -Be $admin.Credentials.AccessKeyId
        $role = Use-StsRole -ProfileName chained -EndpointUrl $Sts.Endpoint
        $role.AssumedRoleUser.Arn | Should -BeLike 'arn:aws:sts::444455556666:assumed-role/Deploy/*'
        (Get-StsSigner | Where-Object Action -EQ 'AssumeRole' | Select-Object -Last 1).Key | Should -Be $admin.Credentials.AccessKeyId
    }

    It 'writes an item''s own failure as a non-terminating error and goes on' {
        $out = '111122223333', '000000000000', '777788889999' | Get-StsSsoRoleCredential -SsoSession corp -RoleName Admin -ErrorAction SilentlyContinue -ErrorVariable failed
        $out.AccountId | Should -Be '111122223333', '777788889999'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ForbiddenException,*'
    }
}

Describe 'The token cache over time' {
    BeforeEach { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache }

    It 'refreshes an access token near its end with the refresh token, and writes it back' {
        Connect-Corp
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $token.expiresAt = [DateTime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $token | ConvertTo-Json | Set-Content $CorpFile
        $accounts = Get-StsSsoAccount -SsoSession corp
        $accounts.Count | Should -Be 3
        (Get-Call | Where-Object op -EQ 'CreateToken' | Select-Object -Last 1).grant | Should -Be 'refresh_token'
        $after = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $after.accessToken | Should -Not -Be $token.accessToken
        ([DateTime]$after.expiresAt).ToUniversalTime() | Should -BeGreaterThan ([DateTime]::UtcNow.AddMinutes(30))
    }

    It 'fails before any network call when the token ended and cannot be refreshed; a corrupt file is a miss' {
        Connect-Corp
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $token.expiresAt = [DateTime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $token.PSObject.Properties.Remove('refreshToken')
        $token | ConvertTo-Json | Set-Content $CorpFile
        $before = @(Get-Call).Count
        $err = { Get-StsSsoAccount -SsoSession corp } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SsoSignInRequired,*'
        $err.Exception.Message | Should -BeLike "*sso-session 'corp'*cannot be refreshed*Connect-StsSso -SsoSession corp*"
        Set-Content -Path $CorpFile -Value '{ not json'
        { Get-StsSsoAccount -SsoSession corp } | Should -Throw -ErrorId 'SsoSignInRequired,StsTools.PowerShell.Commands.GetStsSsoAccountCommand'
        @(Get-Call).Count | Should -Be $before
    }

    It 'names the legacy form''s cache file after the start URL' {
        $legacyFile = Join-Path $CacheFolder (Get-Sha1Name 'https://legacy.awsapps.com/start')
        (Connect-StsSso -ProfileName sso-legacy -NoBrowser -InformationAction Ignore).TokenFile | Should -Be $legacyFile
        Test-Path $legacyFile | Should -BeTrue
        (Get-StsSsoRoleCredential -ProfileName sso-legacy).AccountId | Should -Be '444455556666'
    }
}

Describe 'Interop with the AWS CLI and boto3' {
    BeforeEach { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache }

    It 'lets boto3 use the sign-in this module wrote' {
        Connect-Corp
        $token = (Get-Content $CorpFile -Raw | ConvertFrom-Json).accessToken
        $key = & $Python -c "import boto3; print(boto3.Session(profile_name='sso-dev').get_credentials().access_key)"
        $LASTEXITCODE | Should -Be 0
        $key | Should -BeLike 'ASIASSO*'
        (Get-Call | Where-Object op -EQ 'GetRoleCredentials' | Select-Object -Last 1).token | Should -Be $token
    }

    It 'uses a sign-in as botocore writes it' {
        $script = @'
import sys, datetime, boto3
from botocore.utils import JSONFileCache, SSOTokenLoader
from botocore.tokens import _sso_json_dumps
oidc = boto3.client("sso-oidc", region_name="us-east-1")
client = oidc.register_client(clientName="botocore", clientType="public")
device = oidc.start_device_authorization(clientId=client["clientId"], clientSecret=client["clientSecret"], startUrl="https://corp.awsapps.com/start")
for _ in range(2):
    try:
        token = oidc.create_token(grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=device["deviceCode"], clientId=client["clientId"], clientSecret=client["clientSecret"])
        break
    except oidc.exceptions.AuthorizationPendingException:
        pass
now = datetime.datetime.now(datetime.timezone.utc)
cache = JSONFileCache(sys.argv[1], dumps_func=_sso_json_dumps)
SSOTokenLoader(cache).save_token("https://corp.awsapps.com/start", {
    "startUrl": "https://corp.awsapps.com/start", "region": "us-east-1", "accessToken": token["accessToken"],
    "expiresAt": now + datetime.timedelta(seconds=token["expiresIn"]), "clientId": client["clientId"],
    "clientSecret": client["clientSecret"], "registrationExpiresAt": now + datetime.timedelta(days=90),
    "refreshToken": token["refreshToken"]}, session_name="corp")
print(token["accessToken"])
'@
        $written = & $Python -c $script $CacheFolder
        $LASTEXITCODE | Should -Be 0
        Test-Path $CorpFile | Should -BeTrue
        (Get-StsSsoAccount -SsoSession corp).Count | Should -Be 3
        (Get-Call | Where-Object op -EQ 'ListAccounts' | Select-Object -Last 1).token | Should -Be $written
    }
}

Describe 'Secrets and refusals' {
    BeforeAll { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache }

    It 'keeps the access and refresh tokens, the client secret and role secrets out of every stream and view' {
        $all = & {
            Connect-StsSso -ProfileName sso-dev -NoBrowser -Force -Verbose -Debug
            Get-StsSsoAccount -ProfileName sso-dev -Verbose -Debug
            $creds = Get-StsSsoRoleCredential -ProfileName sso-dev -Force -Verbose -Debug
            $creds
            $creds | Format-List | Out-String
            $creds.Credentials | Format-List | Out-String
        } *>&1 | Out-String -Width 300
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $role = Get-StsSsoRoleCredential -ProfileName sso-dev
        foreach ($secret in $token.accessToken, $token.refreshToken, $token.clientSecret, $role.Credentials.SecretAccessKey, $role.Credentials.SessionToken) {
            $all | Should -Not -BeLike "*$secret*"
        }
        $all | Should -BeLike "*$($role.Credentials.AccessKeyId)*"
    }

    It 'uses the default profile when nothing names the sign-in, names the profile as the region''s source, and checks the SSO region''s shape' {
        Connect-Corp
        $config = Get-Content $env:AWS_CONFIG_FILE -Raw
        try {
            Add-Content -Path $env:AWS_CONFIG_FILE -Value "`n[default]`nsso_session = corp`nsso_account_id = 777788889999`nsso_role_name = ReadOnly`nregion = ap-south-1`n"
            (Get-StsSsoAccount).Count | Should -Be 3
            (Get-StsSsoRoleCredential).AccountId | Should -Be '777788889999'
            $verbose = Get-StsCallerIdentity -ProfileName sso-dev -EndpointUrl $Sts.Endpoint -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -BeLike "*region eu-west-1 from profile 'sso-dev'*"
        }
        finally { Set-Content -Path $env:AWS_CONFIG_FILE -Value $config -NoNewline }
        $err = { Connect-StsSso -StartUrl https://x.awsapps.com/start -SsoRegion 'us-east-1; rm' -NoBrowser -Force } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses plain http to another host before any call, and names a login_session profile it does not support' {
        $env:AWS_ENDPOINT_URL_SSO = 'http://sso.example.com'
        try { { Get-StsSsoAccount -ProfileName sso-dev } | Should -Throw -ErrorId 'InsecureEndpoint,StsTools.PowerShell.Commands.GetStsSsoAccountCommand' }
        finally { $env:AWS_ENDPOINT_URL_SSO = $SsoStandIn.Endpoint }
        $err = { Get-StsCallerIdentity -ProfileName signed-in-elsewhere -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'UnsupportedProfile,*'
        $err.Exception.Message | Should -BeLike '*login_session*'
        { Connect-StsSso -ProfileName chained -NoBrowser } | Should -Throw -ErrorId 'NotAnSsoProfile,StsTools.PowerShell.Commands.ConnectStsSsoCommand'
        # A profile that is not there at all is that, not "not an SSO profile".
        $missing = { Connect-StsSso -ProfileName no-such-sso-profile -NoBrowser } | Should -Throw -PassThru
        $missing.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $missing.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'What an IAM Identity Center user runs into' {
    BeforeAll { Remove-Item $CacheFolder -Recurse -Force -ErrorAction Ignore; Clear-StsCache }
    BeforeEach { Remove-Item $StsLog -ErrorAction Ignore }

    It 'names a login_session profile it does not support wherever it is named: AWS_PROFILE, the default profile, a source_profile, Connect-StsSso' {
        $env:AWS_PROFILE = 'signed-in-elsewhere'
        try { $viaVariable = { Get-StsCallerIdentity -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru }
        finally { Remove-Item env:AWS_PROFILE }
        $viaVariable.FullyQualifiedErrorId | Should -BeLike 'UnsupportedProfile,*'
        $viaVariable.Exception.Message | Should -BeLike "*'signed-in-elsewhere' (from AWS_PROFILE)*login_session*"
        $config = Get-Content $env:AWS_CONFIG_FILE -Raw
        try {
            Add-Content -Path $env:AWS_CONFIG_FILE -Value "`n[default]`nlogin_session = arn:aws:iam::111122223333:user/bob`n"
            $viaDefault = { Get-StsCallerIdentity -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
            $viaDefault.FullyQualifiedErrorId | Should -BeLike 'UnsupportedProfile,*'
            $viaDefault.Exception.Message | Should -BeLike "*'default' (the default profile)*"
        }
        finally { Set-Content -Path $env:AWS_CONFIG_FILE -Value $config -NoNewline }
        $viaSource = { Use-StsRole -ProfileName chained-from-login -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
        $viaSource.FullyQualifiedErrorId | Should -BeLike 'UnsupportedProfile,*'
        $viaSource.Exception.Message | Should -BeLike "*source_profile of profile 'chained-from-login'*"
        { Connect-StsSso -ProfileName signed-in-elsewhere -NoBrowser } | Should -Throw -ErrorId 'UnsupportedProfile,StsTools.PowerShell.Commands.ConnectStsSsoCommand'
        Test-Path $StsLog | Should -BeFalse -Because 'nothing reached STS'
    }

    It 'says -Force when the portal refuses a token that still looks valid here' {
        Connect-Corp
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $token.accessToken = 'revoked-by-an-administrator'
        $token | ConvertTo-Json | Set-Content $CorpFile
        $err = { Get-StsSsoAccount -ProfileName sso-dev } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SsoSignInRequired,*'
        $err.Exception.Message | Should -BeLike '*did not accept its token*Connect-StsSso -ProfileName sso-dev -Force*'
        Connect-Corp
        (Get-StsSsoAccount -ProfileName sso-dev).Count | Should -Be 3
    }

    It 'refuses a sign-in named twice, and takes the one typed over the one a piped account carries' {
        Connect-Corp
        $null = Connect-StsSso -ProfileName sso-legacy -NoBrowser -Force -InformationAction Ignore
        foreach ($twice in { Get-StsSsoAccount -ProfileName sso-dev -SsoSession corp }, { Connect-StsSso -ProfileName sso-dev -StartUrl https://x.awsapps.com/start -SsoRegion us-east-1 -NoBrowser }, { Get-StsSsoAccount -SsoRegion us-east-1 }) {
            $err = $twice | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ConflictingSsoSignIn,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        $legacyToken = (Get-Content (Join-Path $CacheFolder (Get-Sha1Name 'https://legacy.awsapps.com/start')) -Raw | ConvertFrom-Json).accessToken
        $roles = Get-StsSsoAccount -ProfileName sso-dev | Select-Object -First 1 | Get-StsSsoRole -ProfileName sso-legacy
        $roles.RoleName | Should -Be 'Admin', 'ReadOnly'
        (Get-Call | Where-Object op -EQ 'ListAccountRoles' | Select-Object -Last 1).token | Should -Be $legacyToken
    }

    It 'takes role credentials piped to Use-StsRole -RoleArn as its source, and -Verbose names the real source' {
        Connect-Corp
        $sso = Get-StsSsoRoleCredential -ProfileName sso-dev
        $role = $sso | Use-StsRole -RoleArn arn:aws:iam::444455556666:role/Deploy -RoleSessionName from-sso -EndpointUrl $Sts.Endpoint
        $role.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::444455556666:assumed-role/Deploy/from-sso'
        (Get-StsSigner | Where-Object Action -EQ 'AssumeRole' | Select-Object -Last 1).Key | Should -Be $sso.Credentials.AccessKeyId
        $verbose = Use-StsRole -ProfileName chained -EndpointUrl $Sts.Endpoint -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike "*with the credentials of profile 'sso-dev'*"
    }

    It 'completes sso-session names, and only SSO profiles on the IAM Identity Center cmdlets' {
        $sessions = (TabExpansion2 -inputScript 'Connect-StsSso -SsoSession ' -cursorColumn 27).CompletionMatches.CompletionText
        $sessions | Should -Be 'corp'
        $profiles = (TabExpansion2 -inputScript 'Get-StsSsoAccount -ProfileName ' -cursorColumn 31).CompletionMatches.CompletionText
        $profiles | Should -Be 'sso-dev', 'sso-legacy'
        (TabExpansion2 -inputScript 'Get-StsCallerIdentity -ProfileName ' -cursorColumn 35).CompletionMatches.CompletionText | Should -Contain 'keys-only'
    }

    It 'refuses GetSessionToken with an SSO profile or SSO role credentials before any call' {
        Connect-Corp
        $err = { Get-StsSessionToken -ProfileName sso-dev -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'LongTermCredentialsRequired,*'
        $err.Exception.Message | Should -BeLike "*profile 'sso-dev' is an SSO profile*"
        $piped = { Get-StsSsoRoleCredential -ProfileName sso-dev | Get-StsSessionToken -EndpointUrl $Sts.Endpoint } | Should -Throw -PassThru
        $piped.FullyQualifiedErrorId | Should -BeLike 'LongTermCredentialsRequired,*'
        { Get-StsSsoRoleCredential -ProfileName sso-dev | Get-StsFederationToken -Name fed -EndpointUrl $Sts.Endpoint } | Should -Throw -ErrorId 'LongTermCredentialsRequired,*'
        Test-Path $StsLog | Should -BeFalse -Because 'nothing reached STS'
    }

    It 'keeps role credentials across a token refresh and after the sign-in ended; sign-out and aws sso logout end them, on disk too' {
        $disk = Join-Path $Sandbox 'disk-cache'
        Set-StsCacheOption -DiskCache -Directory $disk
        try {
            Connect-Corp
            $first = Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly
            $calls = @(Get-Call | Where-Object op -EQ 'GetRoleCredentials').Count
            $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
            $token.expiresAt = [DateTime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ssZ')
            $token.PSObject.Properties.Remove('refreshToken')
            $token | ConvertTo-Json | Set-Content $CorpFile
            # The sign-in ended and cannot be refreshed: the role credentials still serve while they last.
            (Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly).Credentials.AccessKeyId | Should -Be $first.Credentials.AccessKeyId
            @(Get-Call | Where-Object op -EQ 'GetRoleCredentials').Count | Should -Be $calls
            @(Get-ChildItem (Join-Path $disk 'sessions') -Filter *.json).Count | Should -Be 1
            # Sign-out removes them, in memory and on disk.
            Connect-Corp
            $second = Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly
            $second.Credentials.AccessKeyId | Should -Not -Be $first.Credentials.AccessKeyId -Because 'a new sign-in starts afresh'
            Disconnect-StsSso -SsoSession corp
            @(Get-ChildItem (Join-Path $disk 'sessions') -Filter *.json).Count | Should -Be 0
            { Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly } | Should -Throw -ErrorId 'SsoSignInRequired,*'
            # aws sso logout removes the token file: nothing is served either.
            Connect-Corp
            $null = Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly
            Remove-Item $CorpFile
            { Get-StsSsoRoleCredential -SsoSession corp -AccountId 777788889999 -RoleName ReadOnly } | Should -Throw -ErrorId 'SsoSignInRequired,*'
        }
        finally { Set-StsCacheOption -DiskCache:$false; Clear-StsCache }
    }

    It 'takes the profile''s region for role credentials, never sso_region, and pipes them on with their sign-in' {
        Connect-Corp
        $env:AWS_REGION = 'us-west-2'
        try {
            # The sso-session's region is where IAM Identity Center lives, not where the work goes.
            Get-StsSsoRoleCredential -SsoSession corp -AccountId 111122223333 -RoleName ReadOnly | Invoke-StsCommand { $env:AWS_REGION } | Should -Be 'us-west-2'
            Get-StsSsoRoleCredential -ProfileName sso-dev | Invoke-StsCommand { $env:AWS_REGION } | Should -Be 'eu-west-1' -Because 'the profile names its region'
        }
        finally { Remove-Item env:AWS_REGION }
        $roles = Get-StsSsoRoleCredential -ProfileName sso-dev | Get-StsSsoRole
        $roles.RoleName | Should -Be 'Admin', 'ReadOnly'
        $roles[0].SsoSession | Should -Be 'corp'
    }

    It 'registers again when the cached client registration is no longer known, and says what the service said' {
        Connect-Corp
        $token = Get-Content $CorpFile -Raw | ConvertFrom-Json
        $token.clientId = 'client-revoked'
        $token.expiresAt = [DateTime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $token | ConvertTo-Json | Set-Content $CorpFile
        # The AWS CLI's registration cache file of the sign-in holds the revoked client too.
        $keyScript = "import json, hashlib; print(hashlib.sha1(json.dumps({'tool': 'botocore', 'startUrl': 'https://corp.awsapps.com/start', 'region': 'us-east-1', 'scopes': None, 'session_name': 'corp'}, sort_keys=True).encode('utf-8')).hexdigest())"
        $registrationFile = Join-Path $CacheFolder ((& $Python -c $keyScript) + '.json')
        $registration = Get-Content $registrationFile -Raw | ConvertFrom-Json
        $registration.clientId = 'client-revoked'
        $registration | ConvertTo-Json | Set-Content $registrationFile
        $registrations = @(Get-Call | Where-Object op -EQ 'RegisterClient').Count
        $null = Connect-StsSso -SsoSession corp -NoBrowser -InformationAction Ignore
        @(Get-Call | Where-Object op -EQ 'RegisterClient').Count | Should -Be ($registrations + 1)
        (Get-Content $CorpFile -Raw | ConvertFrom-Json).clientId | Should -Not -Be 'client-revoked'
        $config = Get-Content $env:AWS_CONFIG_FILE -Raw
        try {
            Add-Content -Path $env:AWS_CONFIG_FILE -Value "`n[sso-session odd-scopes]`nsso_start_url = https://odd.awsapps.com/start`nsso_region = us-east-1`nsso_registration_scopes = sso:account:access, codecatalyst:read_write`n"
            $err = { Connect-StsSso -SsoSession odd-scopes -NoBrowser } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidScopeException,*'
            $err.Exception.Message | Should -BeLike '*the scopes codecatalyst:read_write are not known*'
            $err.Exception.Message | Should -Not -BeLike '*HTTP Body*'
        }
        finally { Set-Content -Path $env:AWS_CONFIG_FILE -Value $config -NoNewline }
    }

    It 'warns when -SetEnvironment gets several piped items, signs in once for several accounts, and refuses a start URL with a password' {
        Connect-Corp
        $env:AWS_ACCESS_KEY_ID = 'AKIDBEFORESETENV0001'; $env:AWS_SECRET_ACCESS_KEY = 'before'
        try {
            '111122223333', '444455556666' | Get-StsSsoRoleCredential -SsoSession corp -RoleName ReadOnly -SetEnvironment -WarningVariable warned -WarningAction SilentlyContinue
            @($warned).Count | Should -Be 1
            "$warned" | Should -BeLike '*several piped items*444455556666/ReadOnly*Invoke-StsCommand*'
        }
        finally { Clear-StsEnvironment; Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY -ErrorAction Ignore }
        $devices = @(Get-Call | Where-Object op -EQ 'StartDeviceAuthorization').Count
        $signIns = Get-StsSsoAccount -ProfileName sso-dev | Connect-StsSso -NoBrowser -Force -InformationAction Ignore
        @($signIns).Count | Should -Be 1
        @(Get-Call | Where-Object op -EQ 'StartDeviceAuthorization').Count | Should -Be ($devices + 1)
        $err = { Connect-StsSso -StartUrl 'https://alice:hunter2@corp.awsapps.com/start' -SsoRegion us-east-1 -NoBrowser -WhatIf } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidStartUrl,*'
        "$err" | Should -Not -BeLike '*hunter2*'
    }

    It 'checks the start URL and the role name before any call' {
        $before = @(Get-Call).Count
        $err = { Connect-StsSso -StartUrl http://corp.example.com/start -SsoRegion us-east-1 -NoBrowser } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidStartUrl,*'
        Connect-Corp
        $before = @(Get-Call).Count
        { Get-StsSsoRoleCredential -SsoSession corp -AccountId 111122223333 -RoleName 'Bad Role!' } | Should -Throw -ErrorId 'InvalidRoleName,*'
        { Get-StsSsoRoleCredential -SsoSession nowhere } | Should -Throw -ExpectedMessage 'There is no `[sso-session nowhere`]*'
        @(Get-Call).Count | Should -Be $before
    }
}
