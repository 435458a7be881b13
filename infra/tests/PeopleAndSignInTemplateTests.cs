using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// People's data and sign-in (issue 14): a table account of its own, reached by identity; App Service
/// Authentication with Entra ID when a client ID is given, anonymous calls still allowed, no secret; CORS
/// with credentials for the site.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class PeopleAndSignInTemplateTests(CompiledInfra compiled)
{
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private ArmTemplate Api => compiled.Main.Module("api");

    private Dictionary<string, string> AppSettings =>
        Api.ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => ArmTemplate.Text(setting!["value"]));

    [Fact]
    public void AppSettings_PeopleStorage_IsTheTableServiceReachedByIdentity()
    {
        var settings = AppSettings;

        Assert.DoesNotContain("PeopleStorage", settings.Keys);
        Assert.Equal("[parameters('peopleStorageTableEndpoint')]", settings["PeopleStorage__serviceUri"]);
        Assert.Equal("managedidentity", settings["PeopleStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["PeopleStorage__clientId"]);
        Assert.Contains("'peopleStorage'", Api.PassedValue("peopleStorageTableEndpoint"));
        Assert.Contains("outputs.tableEndpoint.value", Api.PassedValue("peopleStorageTableEndpoint"));
    }

    [Fact]
    public void PeopleStorage_Account_IsSeparateFromHostAndModelStores()
    {
        var variables = compiled.Main.Json["variables"]!;

        var people = variables["peopleStorageAccountName"]!.GetValue<string>();

        Assert.NotEqual(people, variables["hostStorageAccountName"]!.GetValue<string>());
        Assert.NotEqual(people, variables["modelStorageAccountName"]!.GetValue<string>());
        Assert.Contains("peopleStorageAccountName", compiled.Main.Module("peopleStorage").PassedValue("name"));
        Assert.Throws<KeyNotFoundException>(() => compiled.Main.Module("peopleStorage").PassedValue("containers"));
    }

    [Fact]
    public void PeopleStorage_Role_IsTableDataContributorForTheAppOnThatAccountOnly()
    {
        var rbac = compiled.Main.Module("rbac");

        var onPeople = rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(a => (a["scope"]?.GetValue<string>() ?? "").Contains("peopleStorageAccountName", StringComparison.Ordinal))
            .ToList();

        var single = Assert.Single(onPeople);
        Assert.Equal(StorageTableDataContributor, rbac.VariableIn(single["properties"]!["roleDefinitionId"]!.GetValue<string>()));
        Assert.Equal("[parameters('appPrincipalId')]", single["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('peopleStorageAccountName'))]", single["scope"]!.GetValue<string>());
    }

    [Fact]
    public void SignIn_Configured_OnlyWithAClientId()
    {
        var auth = Api.ResourcesOfType("Microsoft.Web/sites/config").Single();

        Assert.Contains("'authsettingsV2'", auth["name"]!.GetValue<string>());
        Assert.Equal("[variables('authEnabled')]", auth["condition"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('authClientId')))]", Api.Json["variables"]!["authEnabled"]!.GetValue<string>());
        Assert.Equal("", compiled.Main.Json["parameters"]!["authClientId"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("[variables('authEnabled')]", compiled.Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>() == "authIdentity")["condition"]!.GetValue<string>());
    }

    [Fact]
    public void SignIn_EntraId_AllowsAnonymousKeepsNoTokensByDefaultAndHasNoSecret()
    {
        var properties = Api.ResourcesOfType("Microsoft.Web/sites/config").Single()["properties"]!;

        var registration = properties["identityProviders"]!["azureActiveDirectory"]!["registration"]!;
        var text = ArmTemplate.Text(properties);

        Assert.False(properties["globalValidation"]!["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("AllowAnonymous", properties["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.Equal("[parameters('authTokenStore')]", properties["login"]!["tokenStore"]!["enabled"]!.GetValue<string>());
        Assert.False(compiled.Main.Json["parameters"]!["authTokenStore"]!["defaultValue"]!.GetValue<bool>());
        Assert.Equal("${AUTH_TOKEN_STORE=false}", JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!["authTokenStore"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('authClientId')]", registration["clientId"]!.GetValue<string>());
        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", registration["clientSecretSettingName"]!.GetValue<string>());
        Assert.Null(registration["clientSecret"]);
        Assert.DoesNotContain("clientSecretCertificate", text);
        Assert.Equal("[if(variables('authEnabled'), parameters('authIdentityClientId'), '')]", AppSettings["OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID"]);
    }

    [Fact]
    public void SignIn_Tokens_OnlyThisRegistrationsOwnMakeAPerson()
    {
        // Without it any application in the tenant could get a token for this audience and be taken for a person.
        var validation = Api.ResourcesOfType("Microsoft.Web/sites/config").Single()["properties"]!["identityProviders"]!["azureActiveDirectory"]!["validation"]!;

        var allowed = validation["defaultAuthorizationPolicy"]!["allowedApplications"]!.AsArray().Select(a => a!.GetValue<string>());

        Assert.Equal(["[parameters('authClientId')]"], allowed);
    }

    [Fact]
    public void Cors_SiteOrigins_MayCallWithCredentials()
    {
        var cors = Api.ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["siteConfig"]!["cors"]!;

        var redirects = Api.ResourcesOfType("Microsoft.Web/sites/config").Single()["properties"]!["login"]!["allowedExternalRedirectUrls"]!;

        Assert.Equal("[not(empty(parameters('corsAllowedOrigins')))]", cors["supportCredentials"]!.GetValue<string>());
        Assert.Equal("[parameters('corsAllowedOrigins')]", redirects.GetValue<string>());
    }
}
