@{
    # The binary module staged by `dotnet build` (see src/StsTools.PowerShell/StsTools.PowerShell.csproj).
    RootModule             = 'bin/StsTools.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f4c3e-8d0a-4c55-9a51-3f2d7e6b1a90'
    Author                 = 'StsTools contributors'
    CompanyName            = 'StsTools'
    Copyright              = '(c) StsTools contributors. All rights reserved.'
    Description            = 'AWS STS for PowerShell: assume roles, get session tokens, learn who you are, and put temporary credentials where the AWS CLI, SDKs and later commands find them.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('StsModule.format.ps1xml')
    CmdletsToExport        = @(
        'Clear-StsCache'
        'Clear-StsEnvironment'
        'ConvertFrom-StsAuthorizationMessage'
        'Export-StsCredential'
        'Get-StsAccessKeyInfo'
        'Get-StsCallerIdentity'
        'Get-StsDelegatedAccessToken'
        'Get-StsFederationToken'
        'Get-StsRegion'
        'Get-StsSessionToken'
        'Get-StsWebIdentityToken'
        'Import-StsCredential'
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
            LicenseUri   = 'https://github.com/ststools/StsTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/ststools/StsTools'
            ReleaseNotes = 'Every STS operation as a cmdlet; cached sessions (memory and opt-in disk), role profiles, credential files and credential_process output, environment and profile writers.'
        }
    }
}
