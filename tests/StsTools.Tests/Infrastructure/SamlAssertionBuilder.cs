using System;
using System.Text;

namespace StsTools.Tests.Infrastructure;

/// <summary>A real (unsigned) SAML 2.0 Response carrying the AWS role attributes, as an IdP posts it.</summary>
internal static class SamlAssertionBuilder
{
    public const string ProviderArn = "arn:aws:iam::123456789012:saml-provider/ExampleIdP";

    public static string Xml(string roleArn, string sessionName, int durationSeconds = 1800)
    {
        var now = DateTime.UtcNow;
        string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        return $@"<samlp:Response xmlns:samlp=""urn:oasis:names:tc:SAML:2.0:protocol"" ID=""_resp1"" Version=""2.0"" IssueInstant=""{Stamp(now)}"" Destination=""https://signin.aws.amazon.com/saml"">
  <saml:Issuer xmlns:saml=""urn:oasis:names:tc:SAML:2.0:assertion"">https://idp.example.com/</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value=""urn:oasis:names:tc:SAML:2.0:status:Success""/></samlp:Status>
  <saml:Assertion xmlns:saml=""urn:oasis:names:tc:SAML:2.0:assertion"" ID=""_assert1"" Version=""2.0"" IssueInstant=""{Stamp(now)}"">
    <saml:Issuer>https://idp.example.com/</saml:Issuer>
    <saml:Subject>
      <saml:NameID Format=""urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"">alice</saml:NameID>
      <saml:SubjectConfirmation Method=""urn:oasis:names:tc:SAML:2.0:cm:bearer"">
        <saml:SubjectConfirmationData NotOnOrAfter=""{Stamp(now.AddMinutes(5))}"" Recipient=""https://signin.aws.amazon.com/saml""/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore=""{Stamp(now.AddMinutes(-1))}"" NotOnOrAfter=""{Stamp(now.AddMinutes(5))}"">
      <saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AttributeStatement>
      <saml:Attribute Name=""https://aws.amazon.com/SAML/Attributes/Role""><saml:AttributeValue>{roleArn},{ProviderArn}</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name=""https://aws.amazon.com/SAML/Attributes/RoleSessionName""><saml:AttributeValue>{sessionName}</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name=""https://aws.amazon.com/SAML/Attributes/SessionDuration""><saml:AttributeValue>{durationSeconds}</saml:AttributeValue></saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>";
    }

    public static string Base64(string roleArn, string sessionName, int durationSeconds = 1800) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Xml(roleArn, sessionName, durationSeconds)));
}
