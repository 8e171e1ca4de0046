#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The help users read, in real PowerShell: Get-Help shows what docs/en-US says, the markdown cannot
# drift from the cmdlets (platyPS regenerates it from the loaded module), and every example's code
# parses and names commands and parameters that exist.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $Docs = Join-Path $RepoRoot 'docs/en-US'
    Import-Module (Join-Path $RepoRoot 'StsModule.psd1') -Force
    $Cmdlets = @(Get-Command -Module StsModule | Sort-Object Name)
    # The parameters every cmdlet that calls STS shares, whose text must be the same on every page.
    $Connection = 'Region', 'ProfileName', 'AccessKey', 'SecretKey', 'SessionToken', 'EndpointUrl', 'TimeoutSeconds'

    function Get-Section([string] $Text, [string] $Heading) {
        # A "## HEADING" section of a platyPS page, up to the next "## ".
        $m = [regex]::Match($Text, "(?ms)^## $Heading\n(.*?)(?=^## |\z)")
        if ($m.Success) { $m.Groups[1].Value } else { $null }
    }

    function Get-ParameterBlock([string] $Text) {
        # "### -Name" blocks of the PARAMETERS section: description and yaml, by parameter name.
        $blocks = @{}
        foreach ($m in [regex]::Matches((Get-Section $Text 'PARAMETERS'), '(?ms)^### -(\w+)\n(.*?)(?=^### |\z)')) { $blocks[$m.Groups[1].Value] = $m.Groups[2].Value.Trim() }
        $blocks
    }

    function Get-ExampleCode([string] $Text) {
        # The commands of the examples: the lines after "PS> " in each code block, with the
        # continuation lines of a backtick-continued command.
        foreach ($block in [regex]::Matches((Get-Section $Text 'EXAMPLES'), '(?ms)^```powershell\n(.*?)^```')) {
            $code = [Collections.Generic.List[string]]::new()
            $continued = $false
            foreach ($line in $block.Groups[1].Value -split "`n") {
                if ($line -match '^PS> ?(.*)$') { $code.Add($Matches[1]); $continued = $Matches[1].TrimEnd().EndsWith('`') }
                elseif ($continued) { $code.Add($line); $continued = $line.TrimEnd().EndsWith('`') }
            }
            , ($code -join "`n")
        }
    }
}

Describe 'Get-Help' {
    It 'shows synopsis, description, every parameter and two or more examples for <_>' -ForEach @(
        # Discovery runs before BeforeAll imports the module: the names are read from the manifest.
        (Import-PowerShellDataFile (Join-Path (Split-Path -Parent $PSScriptRoot) 'StsModule.psd1')).CmdletsToExport
    ) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Be $_ -Because 'a synopsis that is just the name means no compiled help was found'
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        # A cmdlet with no parameters of its own has no 'parameter' entries at all.
        $entries = if ($help.parameters -and $help.parameters.PSObject.Properties['parameter']) { $help.parameters.parameter } else { @() }
        $documented = @($entries | Where-Object { $_.description.Text -join '' })
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $documented.name | Should -Contain $name -Because "-$name of $_ needs its text in Get-Help"
        }
    }

    It 'finds about_StsModule' {
        # Paragraphs are wrapped to 80 columns: compare with runs of white space as one space.
        $about = (Get-Help about_StsModule | Out-String) -replace '\s+', ' '
        $about | Should -Match 'SHORT DESCRIPTION'
        foreach ($topic in 'CREDENTIAL SOURCES', 'REGIONS AND ENDPOINTS', 'AWS_ENDPOINT_URL_STS', 'REFRESH WINDOW', 'AWS_SESSION_TOKEN', 'FullyQualifiedErrorId', 'Mock Use-StsRole') {
            $about | Should -BeLike "*$topic*"
        }
    }

    It 'shows every code block of about_StsModule line for line, wildcards and all, and names every cmdlet' {
        $md = [IO.File]::ReadAllText((Join-Path $Docs 'about_StsModule.md')) -replace "`r`n", "`n"
        $help = ((Get-Help about_StsModule | Out-String) -replace "`r`n", "`n") -split "`n" | ForEach-Object { $_.TrimEnd() }
        $text = $help -join "`n"
        # Code blocks: runs of lines indented four spaces after a blank line.
        $blocks = [regex]::Matches($md, '(?m)(?<=\n\n)((?: {4}.*\n|\n(?= {4}))+)')
        $blocks.Count | Should -BeGreaterThan 3
        foreach ($block in $blocks) {
            $expected = ($block.Value.TrimEnd("`n") -split "`n" | ForEach-Object { if ($_) { "    $_".TrimEnd() } else { '' } }) -join "`n"
            $text.Contains($expected) | Should -BeTrue -Because "Get-Help about_StsModule must show this block as written:`n$expected"
        }
        $text | Should -BeLike "*Should -Throw '`*less than 15 minutes`*'*"
        foreach ($name in (Get-Command -Module StsModule).Name) { $text | Should -BeLike "*$name*" -Because 'about_StsModule lists every cmdlet' }
        # Text is wrapped for a standard console; code keeps its lines as written.
        $help | Where-Object { -not $_.StartsWith('        ') } | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "Get-Help about_StsModule reads in an 80-column console: '$_'" }
    }

    It 'shows the code of every example of <_> line for line' -ForEach @(
        (Import-PowerShellDataFile (Join-Path (Split-Path -Parent $PSScriptRoot) 'StsModule.psd1')).CmdletsToExport
    ) {
        $md = [IO.File]::ReadAllText((Join-Path $Docs "$_.md")) -replace "`r`n", "`n"
        $blocks = [regex]::Matches((Get-Section $md 'EXAMPLES'), '(?ms)^```powershell\n(.*?)^```')
        $examples = @((Get-Help $_ -Examples).examples.example)
        $examples.Count | Should -Be $blocks.Count
        for ($i = 0; $i -lt $blocks.Count; $i++) {
            $shown = (($examples[$i].code -replace "`r`n", "`n") -split "`n" | ForEach-Object { $_.TrimEnd() }) -join "`n"
            $written = (($blocks[$i].Groups[1].Value.TrimEnd("`n")) -split "`n" | ForEach-Object { $_.TrimEnd() }) -join "`n"
            $shown.Contains($written) | Should -BeTrue -Because "example $($i + 1) of $_ must show its code as written"
        }
    }

    It 'has the Pester example of about_StsModule as it runs in tests/examples' {
        $about = [IO.File]::ReadAllText((Join-Path $Docs 'about_StsModule.md')) -replace "`r`n", "`n"
        foreach ($file in 'Deploy.ps1', 'Deploy.Tests.ps1') {
            $code = ((Get-Content (Join-Path $PSScriptRoot "examples/$file")) | Select-Object -Skip 1 | ForEach-Object { if ($_) { "    $_" } else { '' } }) -join "`n"
            $about.Contains($code) | Should -BeTrue -Because "tests/examples/$file must be the code about_StsModule shows"
        }
    }
}

Describe 'The markdown' {
    It 'matches what platyPS writes from the loaded cmdlets (syntax and parameters)' {
        # ./build.ps1 -Task UpdateDocs on a copy: Update-MarkdownHelp, then platyPS issue 595 removed.
        $copy = Join-Path ([IO.Path]::GetTempPath()) ('ststools-docs-' + [Guid]::NewGuid().ToString('n'))
        Copy-Item $Docs $copy -Recurse
        try {
            & (Join-Path $RepoRoot 'build.ps1') -Task UpdateDocs -DocsPath $copy *> $null
            foreach ($page in Get-ChildItem $Docs -Filter '*-*.md') {
                $ours = [IO.File]::ReadAllText($page.FullName) -replace "`r`n", "`n"
                $theirs = [IO.File]::ReadAllText((Join-Path $copy $page.Name))
                (Get-Section $theirs 'SYNTAX') | Should -Be (Get-Section $ours 'SYNTAX') -Because "$($page.Name): run ./build.ps1 -Task UpdateDocs"
                (Get-Section $theirs 'PARAMETERS') | Should -Be (Get-Section $ours 'PARAMETERS') -Because "$($page.Name): run ./build.ps1 -Task UpdateDocs"
            }
        }
        finally { Remove-Item $copy -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'gives the connection parameters the same text on every page (signed and unsigned operations apart)' {
        $texts = @{}
        foreach ($cmdlet in $Cmdlets | Where-Object { $_.Parameters.ContainsKey('EndpointUrl') }) {
            $blocks = Get-ParameterBlock ([IO.File]::ReadAllText((Join-Path $Docs "$($cmdlet.Name).md")) -replace "`r`n", "`n")
            # AssumeRoleWithSAML/WebIdentity are unsigned: no credential source, and -ProfileName
            # only gives the region, so their -ProfileName reads differently.
            $signed = $cmdlet.Parameters.ContainsKey('AccessKey')
            foreach ($name in $Connection | Where-Object { $signed -or $_ -notin 'AccessKey', 'SecretKey', 'SessionToken' }) {
                $blocks.Keys | Should -Contain $name -Because "$($cmdlet.Name) has -$name"
                $key = if ($name -eq 'ProfileName') { "$name/$signed" } else { $name }
                if (-not $texts.ContainsKey($key)) { $texts[$key] = $blocks[$name] }
                $blocks[$name] | Should -Be $texts[$key] -Because "-$name of $($cmdlet.Name) should read as on the other pages"
            }
        }
        $texts.Count | Should -Be ($Connection.Count + 1)
    }

    It 'has example code that parses and names real commands and parameters: <_>' -ForEach @(
        (Import-PowerShellDataFile (Join-Path (Split-Path -Parent $PSScriptRoot) 'StsModule.psd1')).CmdletsToExport
    ) {
        $text = [IO.File]::ReadAllText((Join-Path $Docs "$_.md")) -replace "`r`n", "`n"
        $examples = @(Get-ExampleCode $text)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($code in $examples) {
            $tokens = $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because "the example code of $_ must parse: $code"
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $name = $call.GetCommandName()
                if (-not $name -or $name -notlike '*-Sts*') { continue }
                $command = Get-Command $name -Module StsModule -ErrorAction SilentlyContinue
                $command | Should -Not -BeNullOrEmpty -Because "the example of $_ calls $name"
                foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $matched = @($command.Parameters.Values | Where-Object {
                            $_.Name -like "$($parameter.ParameterName)*" -or ($_.Aliases | Where-Object { $_ -eq $parameter.ParameterName })
                        })
                    $matched.Count | Should -BeGreaterThan 0 -Because "$name has no parameter -$($parameter.ParameterName) (example of $_)"
                }
            }
        }
    }
}
