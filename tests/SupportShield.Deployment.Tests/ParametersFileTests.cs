using SupportShield.Deployment.Tests.Support;

namespace SupportShield.Deployment.Tests;

/// <summary>main.parameters.json only names parameters the template declares, and holds no secret.</summary>
public sealed class ParametersFileTests
{
    [Test]
    public void ParametersFile_NamesOnlyDeclaredNonSecretParameters()
    {
        var template = ArmTemplate.Load("main.json");
        var parametersFile = ArmTemplate.Load("main.parameters.json");
        var declared = template["parameters"]!.AsObject();
        var given = parametersFile["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(given, Is.Not.Empty);
            Assert.That(given, Is.SubsetOf(declared.Select(p => p.Key)));
            Assert.That(given.Where(name => declared.ContainsKey(name) && (string?)declared[name]!["type"] == "securestring"), Is.Empty, "secrets are passed on the command line or set in Key Vault, never kept in the parameters file");
            var required = declared.Where(p => p.Value!["defaultValue"] is null && (string?)p.Value!["type"] != "securestring").Select(p => p.Key);
            Assert.That(required, Is.SubsetOf(given), "every required non-secret parameter has a value in the file");
        });
    }
}
