# The runbook of about_StsModule (TESTING A RUNBOOK WITH PESTER); Docs.Tests.ps1 checks the two agree.
function Invoke-NightlyDeploy {
    param([Parameter(Mandatory)] [string] $RoleArn)
    $role = Use-StsRole -RoleArn $RoleArn -RoleSessionName nightly-deploy -Tag @{ Project = 'Apollo' }
    if (-not ($role.Credentials | Test-StsCredential -Within 900)) {
        throw 'The deploy session ends in less than 15 minutes.'
    }
    $role.AssumedRoleUser.Arn
}
