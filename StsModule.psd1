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
- Every AWS STS operation as a cmdlet: Use-StsRole, Get-StsSessionToken, Get-StsCallerIdentity, Use-StsRoleWithSaml, Use-StsRoleWithWebIdentity, Use-StsRoot, Get-StsFederationToken, Get-StsAccessKeyInfo, ConvertFrom-StsAuthorizationMessage, Get-StsDelegatedAccessToken, Get-StsWebIdentityToken; results shaped exactly like the STS responses.
- Credential lifecycle: cached sessions (memory, and an opt-in owner-only disk cache shared by processes) with a refresh window; Test-StsCredential, Export-StsCredential and Import-StsCredential (owner-only JSON, credential_process output), Set-StsEnvironment, Clear-StsEnvironment, Set-StsProfile, Set-StsCacheOption, Clear-StsCache, Get-StsRegion.
- -SetEnvironment puts credentials where the AWS CLI, boto3, the AWS SDKs and AWS.Tools find them; role profiles of ~/.aws/config (source_profile chains, external_id, mfa_serial) are followed by the module with its cache.
- Imports in PowerShell 7 beside AWS.Tools (the AWS SDK in a private load context) with the result types nameable from PowerShell ([StsTools.Model.Credentials]); Windows PowerShell 5.1 supported.
- Help: Get-Help for every cmdlet with examples, and about_StsModule (credential sources, regions and endpoints, the cache, environment variables, ErrorIds, testing runbooks with Pester Mock).
- Security: credential values are checked before they are written anywhere (no line injection into ~/.aws/credentials); secret files are created owner-only at open; the disk cache lives in a private folder of its own, checks its entries on read and keys them on the endpoint and a fingerprint of the source secret; the module resolves the STS endpoint itself (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile) and refuses plain http off this machine unless -AllowInsecureEndpoint; -Credential takes a PSCredential and -SecretKey/-SessionToken a SecureString; the MFA prompt does not echo; see SECURITY.md.
- Views: no secret in mixed output at the prompt; the key id and expiry come first and keep their width in an 80-column console.
- For AWS.Tools users: -DurationInSeconds works as an alias of -DurationSeconds; a cached session is served only if it lasts as long as asked; Set-StsProfile does not replace a profile holding long-term keys without -Force; exported JSON keeps '+' and '/' unescaped.
- Test-StsCredential -Remote tests the -ProfileName or -AccessKey/-SecretKey it is given; a profile written by Set-StsProfile is found by -ProfileName in the same session, also when the credentials file did not exist before.
- A mistyped -ProfileName says that there is no such profile, which files were read, the closest name and the profiles there.
- Get-StsConsoleUrl: a URL that signs in to the AWS console as temporary credentials (partition-aware federation endpoint, -Destination service names, -SessionDurationSeconds where allowed, -Open); the sign-in token is never shown.
- Invoke-StsCommand: runs a script block (AWS CLI, scripts, native tools) with credentials in the AWS_* variables and restores every variable afterwards, also on errors and Ctrl+C.
- One MFA code for many roles: role profiles sharing a source and MFA device use one cached MFA session (memory and disk), mfa_session_duration; every cmdlet's -ProfileName follows role profiles the module's way (session name, cache, prompt on the host naming the profile).
- Use-StsRole -AccountId/-RoleName builds the role ARN in the region's partition; account ids and role ARNs bind from the pipeline.
- Expiration is a local DateTime, so date arithmetic with Get-Date is right in any time zone; files, the disk cache and AWS_CREDENTIAL_EXPIRATION stay ISO 8601 UTC.
- Clear-StsEnvironment gives back what the module replaced (AWS_PROFILE, CI keys, region); -SetEnvironment keeps the removed profile's region, warns when its source is a key it wrote earlier, and writes nothing without -PassThru.
- PowerShell idioms: -WhatIf makes no STS call and asks for nothing; per-item non-terminating errors for Get-StsAccessKeyInfo, ConvertFrom-StsAuthorizationMessage and Import-StsCredential; singular -Tag, -PolicyArn, -TransitiveTagKey, -ProvidedContext (STS names as aliases); ValidateRange/ValidateSet; live verbose output and Write-Progress for lock waits, Ctrl+C for every wait; Export-StsCredential -NoClobber; Set-StsCacheOption -DiskCache is a switch; Get-StsCacheOption.
- Set-StsProfile confirms replacing long-term keys at High impact and keeps its lock file out of ~/.aws; expired credentials are imported or set with a warning; a mistyped region gets "did you mean"; a time-out names the retries.
- The credential source is a parameter set on every signed cmdlet (-ProfileName or nothing, -AccessKey/-SecretKey/-SessionToken, -Credential), shown by Get-Command -Syntax and Get-Help; two sources fail in the binder. Use-StsRoleWithSaml and Use-StsRoleWithWebIdentity, unsigned calls, no longer take credential parameters they ignored. Use-StsRole -RoleArn with -AccountId/-RoleName is refused (ConflictingRoleTarget).
- Import-Module queues the loading of the engine and the AWS SDK on a pool thread, so the first command does not wait for it (about 20 ms less for the first call); STSMODULE_PRELOAD=0 keeps it unloaded until a command needs it. A fresh-process disk-cache hit takes 1.8 ms (was 3.3). A command's STS call starts on the pipeline thread (one thread switch fewer per call; a cached result involves no other thread), and verbose and debug text that no preference shows is dropped at once.
- Runspaces of one process never see each other's credentials: an Invoke-StsCommand block holds the AWS_* variables while it runs (blocks and environment writes of other runspaces wait, with a progress bar and Ctrl+C; their cmdlets read the variables as they were before the block). Invoke-StsCommand -FilePath/-ArgumentList runs a program with the credentials in its own environment only, so parallel runspaces run their programs at once.
- Use-StsRole -ThrottleLimit keeps up to N AssumeRole calls in flight for piped roles or accounts, results in input order. Piped account files may hold blank and '#' comment lines; an item's own failure (InvalidAccountId, AccessDenied) is a non-terminating error and the next account goes on.
- Everything an Invoke-StsCommand block writes reaches Start-Transcript; a downstream Select-Object -First stops the block and the script goes on.
- Results that came through Start-Job, remoting or Import-Clixml are accepted as credentials everywhere, and their default views hide the secrets.
- The input forms of -Tag and -Credential bind to Pester mocks of the cmdlets.
- "No credentials" lists what was looked at; Clear-StsEnvironment gives back the AWS_PROFILE (or keys) the user set last, also after removing the module's variables by hand.
- IAM Identity Center (AWS SSO): SSO profiles (sso_session, or the legacy sso_start_url form) work on every cmdlet's -ProfileName, through AWS_PROFILE and the default profile, and as a role profile's source_profile. Connect-StsSso signs in with a device code (browser, or printed for SSH and -NonInteractive) into the AWS CLI's token cache, shared with the AWS CLI and boto3 both ways; tokens near their end are refreshed and written back; Disconnect-StsSso signs out. Get-StsSsoAccount, Get-StsSsoRole and Get-StsSsoRoleCredential list accounts and roles and get role credentials (cached, -ThrottleLimit, -SetEnvironment) that pipe into every cmdlet taking credentials. A missing or ended sign-in is SsoSignInRequired, naming the command to run; login_session profiles are named as unsupported.
- Runspaces an Invoke-StsCommand block starts (ForEach-Object -Parallel, ThreadJobs) act as the block; every AWS_* variable a block sets is removed after it; Set-/Clear-StsEnvironment inside a block leave Clear-StsEnvironment's record of the user's variables alone.
- Messages: every signed cmdlet warns before signing with credentials known to have expired (-Credential, or AWS_CREDENTIAL_EXPIRATION), in the words Invoke-StsCommand uses; a region typo in AWS_REGION, AWS_DEFAULT_REGION or a profile gets "Did you mean" naming where it came from; a profile that holds no credentials says so and what it holds (ProfileHasNoCredentials); a session or user ARN given as -RoleArn gets the role ARN it most likely meant.
- Security: Get-StsConsoleUrl -Open hands the browser an owner-only page by path, never the sign-in token on a command line; openers come from PATH's absolute folders only, never the current folder; profile names are completed quoted where PowerShell would read them as code.
- Redirects are never followed (STS, IAM Identity Center, the federation endpoint): a signed request or a token is never re-sent to a host the endpoint checks did not see. A profile's region in the config file is used also when its keys are in the credentials file.
- Set-StsProfile writes the region the credentials came with (or -Region) into the profile in the shared config file, so boto3 and the AWS CLI can use the profile at once. A "Signature expired" answer from STS says how far this machine's clock is off.
- Import-StsCredential warns about a file another user owns or others can write (or a folder that lets them replace it).
- Views: an assumed role's table row shows its account, role and session (not a cut-off ARN) within 80 columns; the console sign-in table puts the key id and validity first; -WhatIf names the real session name, role and credential source.
- Use-StsRole -RoleArn (or piped accounts) with -ProfileName of a role profile that has mfa_serial asks once for that profile's MFA code and uses it for the profile's MFA session (it went to the target request and failed).
'@
        }
    }
}
