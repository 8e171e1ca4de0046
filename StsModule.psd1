@{
    # The binary module staged by `dotnet build` (see src/StsTools.PowerShell/StsTools.PowerShell.csproj).
    RootModule             = 'bin/StsTools.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f4c3e-8d0a-4c55-9a51-3f2d7e6b1a90'
    Author                 = 'StsTools contributors'
    CompanyName            = 'StsTools'
    Copyright              = '(c) StsTools contributors. Licensed under the Apache License 2.0.'
    Description            = 'AWS STS for PowerShell: assume roles, get session tokens, learn who you are, and put temporary credentials where the AWS CLI, SDKs and later commands find them.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('StsModule.format.ps1xml')
    TypesToProcess         = @('StsModule.types.ps1xml')
    CmdletsToExport        = @(
        'Clear-StsCache'
        'Clear-StsEnvironment'
        'Connect-StsSso'
        'ConvertFrom-StsAuthorizationMessage'
        'Disconnect-StsSso'
        'Export-StsCredential'
        'Get-StsAccessKeyInfo'
        'Get-StsCacheOption'
        'Get-StsCallerIdentity'
        'Get-StsConsoleUrl'
        'Get-StsDelegatedAccessToken'
        'Get-StsFederationToken'
        'Get-StsRegion'
        'Get-StsSessionToken'
        'Get-StsSsoAccount'
        'Get-StsSsoRole'
        'Get-StsSsoRoleCredential'
        'Get-StsWebIdentityToken'
        'Import-StsCredential'
        'Invoke-StsCommand'
        'Set-StsCacheOption'
        'Set-StsEnvironment'
        'Set-StsProfile'
        'Test-StsCredential'
        'Use-StsRole'
        'Use-StsRoleWithSaml'
        'Use-StsRoleWithWebIdentity'
        'Use-StsRoot'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'STS', 'AssumeRole', 'SAML', 'OIDC', 'WebIdentity', 'Credentials', 'MFA', 'SessionToken', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # No LicenseUri or ProjectUri: the module has no public home yet (LICENSE ships in the package: Apache-2.0).
            ReleaseNotes = @'
### Added

- A cmdlet for every AWS STS operation: Use-StsRole, Get-StsSessionToken, Get-StsCallerIdentity, Use-StsRoleWithSaml, Use-StsRoleWithWebIdentity, Use-StsRoot, Get-StsFederationToken, Get-StsAccessKeyInfo, ConvertFrom-StsAuthorizationMessage, Get-StsDelegatedAccessToken and Get-StsWebIdentityToken. Parameters are named after the STS request fields; results are shaped exactly like the STS responses, ResponseMetadata included.
- The credential source as a parameter set on every signed cmdlet: -ProfileName (or nothing: the environment, then the default chain), -AccessKey/-SecretKey/-SessionToken, or -Credential (credentials objects, responses, a PSCredential). Role profiles of ~/.aws/config (source_profile chains, external_id, mfa_serial, role_session_name) are followed with the module's cache and MFA prompt.
- One MFA code for many roles: role profiles that share a source and an MFA device share one cached MFA session (mfa_session_duration), in every process when the disk cache is on.
- Credential lifecycle: sessions cached in memory and, when turned on, in an owner-only disk cache shared by processes, with a refresh window; Test-StsCredential (-Within, -Remote), Export-StsCredential and Import-StsCredential (owner-only JSON, credential_process output), Set-StsProfile (with the region, so boto3 and the AWS CLI can use the profile at once), Get-/Set-StsCacheOption, Clear-StsCache, Get-StsRegion.
- -SetEnvironment, Set-StsEnvironment and Clear-StsEnvironment: the AWS_* variables the AWS CLI, boto3, the AWS SDKs and AWS.Tools read; Clear-StsEnvironment gives back what the module replaced (AWS_PROFILE, CI keys, region).
- Invoke-StsCommand: a script block run with credentials in the AWS_* variables, restored afterwards (also on errors, Ctrl+C and Select-Object -First), everything it writes reaching Start-Transcript; -FilePath/-ArgumentList runs a program with the credentials in its own environment only ($LASTEXITCODE its exit code; a ProgramExitCode error under $PSNativeCommandUseErrorActionPreference).
- Runbooks at scale: runspaces of one process (ForEach-Object -Parallel, ThreadJob) never sign with each other's credentials, and their Invoke-StsCommand blocks, and Set-StsEnvironment until its Clear-StsEnvironment, take turns at the shared AWS_* variables; Use-StsRole -ThrottleLimit keeps N calls in flight with results in input order; piped account files may hold blank and '#' lines; an item's own failure is a non-terminating error and the next item goes on; results from Start-Job, remoting and Import-Clixml are accepted as credentials; -Tag, -Credential, -SecretKey and -SessionToken input forms bind to Pester mocks.
- IAM Identity Center (AWS SSO): SSO profiles (sso_session, or the legacy sso_start_url form) work on every -ProfileName, through AWS_PROFILE, and as a source_profile; Connect-StsSso (device code, browser or printed, or the authorization code flow with PKCE) and Disconnect-StsSso share the AWS CLI's token and client registration caches both ways and refresh tokens; Get-StsSsoAccount, Get-StsSsoRole and Get-StsSsoRoleCredential list accounts and roles and get role credentials, cached per sign-in, account and role until they end or the user signs out.
- Get-StsConsoleUrl: a URL that signs in to the AWS console as temporary credentials (partition-aware, service names as -Destination, -SessionDurationSeconds where allowed, -Open).
- Messages a user can act on: bad input is refused before any network call with a stable ErrorId (role ARN shape, duration range, session name, MFA code, tags, regions with "did you mean", from any source, naming it); a mistyped profile names the files read and the closest profile; a profile without credentials says what it holds (ProfileHasNoCredentials); a session or user ARN given as -RoleArn gets the role ARN it most likely meant; "no credentials" lists what was looked at; a "Signature expired" answer says how far the clock is off; signing with credentials known to have expired warns; a time-out names the retries.
- PowerShell idioms: -WhatIf makes no call, asks for nothing and names the real session, role and source; per-item non-terminating errors where items are independent; live verbose output and Write-Progress for waits, Ctrl+C for every wait; tab completion of regions and profile names.
- Views that keep what distinguishes results within 80 columns (account, role and session of an assumed role; the key id of a sign-in), and every expiry in one form, ISO 8601 in UTC with its Z, in tables and lists; each expiry also has a ...Utc text property (ExpirationUtc) that Export-Csv and ConvertTo-Json carry. Expiration itself is a local DateTime, so date arithmetic with Get-Date is right in any time zone.
- For AWS.Tools users: -DurationInSeconds as an alias of -DurationSeconds; a cached session is served only when it lasts as long as asked.
- Help: Get-Help for every cmdlet with examples, and about_StsModule (credential sources, regions and endpoints, the cache, environment variables, every ErrorId, runbooks, testing with Pester Mock).
- Loading: PowerShell 7 imports beside AWS.Tools (the AWS SDK in a private load context) with the result types nameable from PowerShell; Windows PowerShell 5.1 supported; ReadyToRun images for a fast first call; the engine loads on a pool thread at import (STSMODULE_PRELOAD=0 defers it).

### Security

- Secrets never appear in default views, verbose or debug text, exceptions or logs; -SecretKey and -SessionToken take SecureStrings and keep them as such through parameter binding, so module logging and Trace-Command record no secret; -Credential takes a PSCredential; the MFA prompt does not echo.
- Files: credential values are checked before they are written (no line injection into ~/.aws/credentials); secret files are created owner-only at open and replaced atomically; the disk cache lives in a private folder of its own, checks its entries on read and keys them on the endpoint and a fingerprint of the source secret; Import-StsCredential warns about a file others could have written; every file read has a size limit, and a FIFO, socket, device or folder is refused before it is opened or written over, the shared config and credentials files included; locks live in a private, owner-checked folder of the user's own.
- Endpoints: the module resolves the STS endpoint itself and refuses plain http off this machine unless -AllowInsecureEndpoint; endpoints on this machine are reached without a proxy; redirects are never followed; one time-out covers each whole exchange, body included; responses are capped at 1 MiB and service messages cut in ErrorRecords; an answer without the parts of its operation is InvalidResponse.
- Get-StsConsoleUrl -Open hands the browser an owner-only page by path, never the sign-in token on a command line; openers come from PATH's absolute folders only; completed profile names are quoted where PowerShell would read them as code.
'@
        }
    }
}
