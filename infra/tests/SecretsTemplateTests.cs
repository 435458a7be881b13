using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>No secret in any parameter default or output; the Gemini key lives in an RBAC-mode Key Vault.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class SecretsTemplateTests(CompiledInfra compiled)
{
    private static readonly string[] SecretShapes =
        ["AccountKey=", "SharedAccessSignature", "sig=", "AIza", "-----BEGIN", "password", "InstrumentationKey="];

    [Fact]
    public void Parameters_SecureOnes_HaveNoDefaultBeyondEmpty()
    {
        var secure = compiled.Main.SelfAndModules()
            .SelectMany(template => template.ParameterDefinitions)
            .Where(p => p.Definition["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(secure);
        // The one exception is the gateway key's two slots, generated when the deployment runs (never a literal).
        string[] generated = ["gatewayKey", "gatewayKeySecond"];
        Assert.All(secure.Where(p => !generated.Contains(p.Name)), p => Assert.Equal("", p.Definition["defaultValue"]?.GetValue<string>() ?? ""));
        Assert.All(generated, name => Assert.Equal("[newGuid()]", secure.Single(p => p.Name == name).Definition["defaultValue"]!.GetValue<string>()));
    }

    [Fact]
    public void Parameters_Defaults_LookLikeNoSecret()
    {
        var defaults = compiled.Main.SelfAndModules()
            .SelectMany(template => template.ParameterDefinitions)
            .Select(p => ArmTemplate.Text(p.Definition["defaultValue"]))
            .ToList();

        Assert.All(defaults, value => Assert.All(SecretShapes, shape => Assert.DoesNotContain(shape, value, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Outputs_Everywhere_ExposeNoSecret()
    {
        var templates = compiled.Main.SelfAndModules().ToList();

        foreach (var template in templates)
        {
            var secureNames = template.ParameterDefinitions
                .Where(p => p.Definition["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                .Select(p => $"parameters('{p.Name}')")
                .ToList();
            foreach (var (name, output) in template.Outputs)
            {
                var value = ArmTemplate.Text(output);
                Assert.False(output["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase), name);
                Assert.All(secureNames, secure => Assert.DoesNotContain(secure, value));
                Assert.All(["listKeys", "listSecrets", "ConnectionString", "secretValue"], word => Assert.DoesNotContain(word, value, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public void KeyVault_Vault_UsesRbacAndNoAccessPolicies()
    {
        var keyVault = compiled.Main.Module("keyVault");

        var vault = keyVault.ResourcesOfType("Microsoft.KeyVault/vaults").Single()["properties"]!;

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(vault["accessPolicies"]);
        Assert.Equal("[if(variables('geminiByIdentity'), createObject('value', ''), createObject('value', parameters('geminiApiKey')))]", compiled.Main.Module("keyVault").PassedValue("secretValue"));
    }

    [Fact]
    public void KeyVault_Secret_IsCreatedOnlyWhenAValueIsGiven()
    {
        var secret = compiled.Main.Module("keyVault").ResourcesOfType("Microsoft.KeyVault/vaults/secrets").Single();

        var condition = secret["condition"]!.GetValue<string>();

        Assert.Equal("[not(empty(parameters('secretValue')))]", condition);
    }
}
