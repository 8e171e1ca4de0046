# The test of about_StsModule (TESTING A RUNBOOK WITH PESTER), run with the suite; Docs.Tests.ps1 checks the two agree.
BeforeAll {
    Import-Module StsModule
    . (Join-Path $PSScriptRoot 'Deploy.ps1')
}

Describe 'Invoke-NightlyDeploy' {
    It 'assumes the deploy role with its session name' {
        Mock Use-StsRole {
            [StsTools.Model.AssumeRoleResponse]@{
                AssumedRoleUser = [StsTools.Model.AssumedRoleUser]@{
                    Arn           = 'arn:aws:sts::123456789012:assumed-role/Deploy/nightly-deploy'
                    AssumedRoleId = 'AROAEXAMPLEDEPLOY0001:nightly-deploy'
                }
                Credentials     = [StsTools.Model.Credentials]@{
                    AccessKeyId     = 'ASIAEXAMPLEDEPLOY001'
                    SecretAccessKey = 'not-a-real-secret'
                    SessionToken    = 'not-a-real-token'
                    Expiration      = [DateTime]::UtcNow.AddHours(1)
                }
            }
        }
        $arn = Invoke-NightlyDeploy -RoleArn arn:aws:iam::123456789012:role/Deploy
        $arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/Deploy/nightly-deploy'
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { $RoleSessionName -eq 'nightly-deploy' -and $Tag.Key -eq 'Project' }
    }

    It 'refuses a session that is about to end' {
        Mock Use-StsRole {
            [StsTools.Model.AssumeRoleResponse]@{
                Credentials = [StsTools.Model.Credentials]@{
                    AccessKeyId     = 'ASIAEXAMPLEDEPLOY001'
                    SecretAccessKey = 'not-a-real-secret'
                    SessionToken    = 'not-a-real-token'
                    Expiration      = [DateTime]::UtcNow.AddMinutes(5)
                }
            }
        }
        { Invoke-NightlyDeploy -RoleArn arn:aws:iam::123456789012:role/Deploy } | Should -Throw '*less than 15 minutes*'
    }
}
