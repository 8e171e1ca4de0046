using System.IO;
using System.Linq;
using System.Xml.Linq;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>The default views exist for the module's types and never show a secret.</summary>
public sealed class FormatViewTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _m;
    private readonly XDocument _format = XDocument.Load(Path.Combine(TestEnvironment.RepoRoot, "StsModule.format.ps1xml"));

    public FormatViewTests(ModuleMetadata m) => _m = m;

    [Fact]
    public void Every_view_is_for_a_type_of_the_engine()
    {
        // Each view also names the type as it comes back from a job, remoting or Import-Clixml
        // ("Deserialized." and the type's name), so the secrets stay masked there too.
        foreach (var selected in _format.Descendants("ViewSelectedBy"))
        {
            var names = selected.Elements("TypeName").Select(e => e.Value).ToList();
            Assert.Equal(2, names.Count);
            Assert.NotNull(_m.Model.GetType(names[0]));
            Assert.Equal("Deserialized." + names[0], names[1]);
        }
    }

    [Fact]
    public void Every_output_type_and_the_credentials_type_have_a_table_view()
    {
        var tabled = _format.Descendants("View").Where(v => v.Element("TableControl") is not null)
            .Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value).ToHashSet();
        Assert.Contains("StsTools.Model.Credentials", tabled);
        foreach (var t in _m.AllCmdlets.SelectMany(c => c.OutputTypes).Where(t => t.Namespace is "StsTools.Model" or "StsTools.Input")) Assert.Contains(t.FullName!, tabled);
    }

    [Fact]
    public void No_view_shows_the_secret_or_the_token()
    {
        foreach (var item in _format.Descendants().Where(e => e.Name == "PropertyName" || e.Name == "ScriptBlock"))
        {
            var text = item.Value;
            if (!text.Contains("SecretAccessKey") && !text.Contains("SessionToken") && !text.Contains("WebIdentityToken")) continue;
            // Only a masked placeholder, or the length, may be printed for them.
            Assert.Equal("ScriptBlock", item.Name.LocalName);
            Assert.Matches(@"^((if \(\$_\.SessionToken\) \{ )?'\*{8}'( \})?|""\(JWT, \$\(\$_\.WebIdentityToken\.Length\) characters\)"")$", text);
        }
    }
}
