#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Set-StsEnvironment in real pwsh against moto_server on loopback.
# Shared setup (sandbox, module, moto): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession
}

AfterAll {
    Complete-StsTestSession
}

Describe '-SetEnvironment' {
    BeforeEach {
        $script:Saved = @{}
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE') {
            $script:Saved[$n] = [Environment]::GetEnvironmentVariable($n)
        }
        # The module remembers what it replaced, process-wide: start each test with nothing remembered.
        Clear-StsEnvironment -Confirm:$false
        foreach ($n in $script:Saved.Keys) { Restore-EnvironmentVariable $n $script:Saved[$n] }
    }
    AfterEach {
        foreach ($n in $script:Saved.Keys) { Restore-EnvironmentVariable $n $script:Saved[$n] }
    }

    It 'makes the session, boto3 and the next cmdlet act as the role' {
        $env:AWS_PROFILE = 'profile-that-is-gone'
        $inIreland = $Conn.Clone()
        $inIreland['Region'] = 'eu-west-1'   # not @Conn -Region: a parameter may be bound once
        $r = Use-StsRole $RoleArn 'env-set' -SetEnvironment -PassThru @inIreland
        $env:AWS_ACCESS_KEY_ID | Should -Be $r.Credentials.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY | Should -Be $r.Credentials.SecretAccessKey
        $env:AWS_SESSION_TOKEN | Should -Be $r.Credentials.SessionToken
        $env:AWS_REGION | Should -Be 'eu-west-1'
        $env:AWS_DEFAULT_REGION | Should -Be 'eu-west-1'
        $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
        $env:AWS_PROFILE | Should -BeNullOrEmpty

        (Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn | Should -Be $r.AssumedRoleUser.Arn
        if ($Python) {
            $arn = & $Python -c "import sys, boto3; print(boto3.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])" $Moto.Endpoint
            $arn | Should -Be $r.AssumedRoleUser.Arn
        }
    }

    It 'changes nothing under -WhatIf' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAUNCHANGED'
        $null = Use-StsRole $RoleArn 'whatif' -SetEnvironment -WhatIf @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAUNCHANGED'
    }

    It 'works for Get-StsSessionToken too, and writes nothing without -PassThru' {
        $quiet = @(Get-StsSessionToken -DurationSeconds 900 -SetEnvironment -Force @Conn)
        $quiet.Count | Should -Be 0 -Because 'a runbook line needs no | Out-Null'
        $env:AWS_ACCESS_KEY_ID | Should -Not -BeNullOrEmpty
        $s = Get-StsSessionToken -DurationSeconds 900 -SetEnvironment -PassThru -Force @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be $s.Credentials.AccessKeyId
    }

    It 'warns in a loop that the second role is assumed as the first, keeps the removed profile''s region, and Clear-StsEnvironment gives the CI keys and the profile back' {
        # In a fresh pwsh: the AWS SDK reads the config file's location once per process.
        $config = Join-Path $Sandbox 'config-loop'
        Set-Content -Path $config -Value "[profile regioned]`nregion = eu-central-1`n"
        $out = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$config'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
`$env:AWS_PROFILE = 'regioned'
`$env:AWS_ACCESS_KEY_ID = 'AKIDSTSTOOLSPESTER01'
`$env:AWS_SECRET_ACCESS_KEY = 'ci-job-secret'
Remove-Item env:AWS_REGION, env:AWS_DEFAULT_REGION, env:AWS_SESSION_TOKEN -ErrorAction Ignore
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
foreach (`$arn in 'arn:aws:iam::111111111111:role/A', 'arn:aws:iam::222222222222:role/B') {
    `$written = @(Use-StsRole `$arn 'loop' -SetEnvironment -EndpointUrl '$($Moto.Endpoint)' -WarningVariable w -WarningAction SilentlyContinue)
    "written=`$(`$written.Count) warnings=`$(`$w.Count)"
    if (`$w) { "`$w" }
}
"region=`$env:AWS_REGION,`$env:AWS_DEFAULT_REGION profile=[`$env:AWS_PROFILE]"
Clear-StsEnvironment
"after=`$env:AWS_PROFILE,`$env:AWS_ACCESS_KEY_ID,`$env:AWS_SECRET_ACCESS_KEY,[`$env:AWS_REGION],[`$env:AWS_SESSION_TOKEN],[`$env:AWS_CREDENTIAL_EXPIRATION]"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be 'written=0 warnings=0'
        $out[1] | Should -Be 'written=0 warnings=1'
        $out[2] | Should -BeLike '*AssumeRole runs as arn:aws:sts::111111111111:assumed-role/A/loop*earlier -SetEnvironment*Clear-StsEnvironment*'
        $out[3] | Should -Be 'region=eu-central-1,eu-central-1 profile=[]'
        $out[4] | Should -Be 'after=regioned,AKIDSTSTOOLSPESTER01,ci-job-secret,[],[],[]'
    }
}

Describe 'Set-StsEnvironment and Clear-StsEnvironment' {
    BeforeEach {
        $script:SavedEnv = @{}
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
            $script:SavedEnv[$n] = [Environment]::GetEnvironmentVariable($n)
        }
        Clear-StsEnvironment -Confirm:$false   # forget what earlier tests had the module replace
        foreach ($n in $script:SavedEnv.Keys) { Restore-EnvironmentVariable $n $script:SavedEnv[$n] }
    }
    AfterEach {
        foreach ($n in $script:SavedEnv.Keys) { Restore-EnvironmentVariable $n $script:SavedEnv[$n] }
    }

    It 'sets the variables, Clear-StsEnvironment restores what they held, and a second one removes the keys' {
        $env:AWS_ACCESS_KEY_ID = 'AKIACIJOBKEY00000001'
        $env:AWS_SECRET_ACCESS_KEY = 'ci-job-secret'
        $env:AWS_REGION = 'us-west-2'
        $role = Use-StsRole $RoleArn 'env-cmdlets' @Conn
        $role | Set-StsEnvironment -Region ap-southeast-2
        $env:AWS_ACCESS_KEY_ID | Should -Be $role.Credentials.AccessKeyId
        $env:AWS_REGION | Should -Be 'ap-southeast-2'
        Test-StsCredential -Within 60 | Should -BeTrue
        $verbose = Clear-StsEnvironment -Confirm:$false -Verbose 4>&1 | ForEach-Object Message
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIACIJOBKEY00000001'
        $env:AWS_SECRET_ACCESS_KEY | Should -Be 'ci-job-secret'
        $env:AWS_SESSION_TOKEN | Should -BeNullOrEmpty
        $env:AWS_REGION | Should -Be 'us-west-2'
        $verbose | Should -Contain 'Restored AWS_SECRET_ACCESS_KEY (secret, not shown)'
        ($verbose -join "`n") | Should -Not -BeLike '*ci-job-secret*'
        Clear-StsEnvironment -Confirm:$false
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        $env:AWS_REGION | Should -Be 'us-west-2'
    }

    It 'leaves a variable the user changed after the module set it' {
        $role = Use-StsRole $RoleArn 'env-cmdlets' @Conn
        $role | Set-StsEnvironment
        $env:AWS_ACCESS_KEY_ID = 'AKIAUSERCHOSETHIS001'
        $verbose = Clear-StsEnvironment -Confirm:$false -Verbose 4>&1 | ForEach-Object Message
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAUSERCHOSETHIS001'
        $verbose | Should -Contain 'Left AWS_ACCESS_KEY_ID as it is: it changed after the module set it.'
    }
}
