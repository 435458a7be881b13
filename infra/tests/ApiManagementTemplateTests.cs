using System.Text.Json.Nodes;
using System.Xml.Linq;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The API product (issue 16): API Management on the Consumption tier, the API imported from the app's own
/// document, products with their limits, keys required, no key in the template, and policies that are
/// well-formed XML using only what the Consumption tier supports.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class ApiManagementTemplateTests(CompiledInfra compiled)
{
    /// <summary>
    /// Policy statements marked "Consumption: Yes" in the API Management policy reference
    /// (learn.microsoft.com/azure/api-management/api-management-policies, MicrosoftDocs/azure-docs
    /// articles/api-management/api-management-policies.md, ms.date 03/28/2024). Not in this list because the
    /// reference marks them "No" for Consumption: rate-limit-by-key, quota-by-key, the Azure OpenAI token
    /// limit, the Dapr policies, and the Azure SQL and Cosmos DB GraphQL resolvers.
    /// </summary>
    private static readonly HashSet<string> ConsumptionPolicies =
    [
        "rate-limit", "quota", "limit-concurrency",
        "check-header", "get-authorization-context", "ip-filter", "validate-azure-ad-token", "validate-jwt",
        "validate-client-certificate", "authentication-basic", "authentication-certificate", "authentication-managed-identity",
        "validate-content", "validate-graphql-request", "validate-odata-request", "validate-parameters", "validate-headers", "validate-status-code",
        "forward-request", "set-backend-service", "proxy",
        "cache-lookup", "cache-store", "cache-lookup-value", "cache-store-value", "cache-remove-value",
        "set-method", "set-status", "set-variable", "set-body", "set-header", "set-query-parameter", "rewrite-uri",
        "json-to-xml", "xml-to-json", "find-and-replace", "redirect-content-urls", "xsl-transform", "return-response", "mock-response",
        "cross-domain", "cors", "jsonp",
        "send-request", "send-one-way-request", "log-to-eventhub",
        "trace", "emit-metric",
        "http-data-source", "publish-event",
        "choose", "include-fragment", "retry", "wait",
    ];

    /// <summary>The document's sections and the child elements of the statements above (cors's: the CDS Hooks API's).</summary>
    private static readonly HashSet<string> Structure =
        ["policies", "inbound", "backend", "outbound", "on-error", "base", "when", "otherwise", "value",
         "allowed-origins", "origin", "allowed-methods", "method", "allowed-headers", "header", "expose-headers"];

    private static readonly string[] NotOnConsumption = ["rate-limit-by-key", "quota-by-key", "azure-openai-token-limit", "llm-token-limit"];

    private ArmTemplate Service => compiled.Main.Module("apimService");

    private ArmTemplate Product => compiled.Main.Module("apim");

    private static string PolicyFile(string name) => File.ReadAllText(Path.Combine(InfraPaths.Infra, "app", "apim-policies", name));

    public static TheoryData<string> PolicyFiles => new(Directory.EnumerateFiles(Path.Combine(InfraPaths.Infra, "app", "apim-policies"), "*.xml").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Service_Sku_IsConsumptionWithAUserAssignedIdentityAndOnByDefault()
    {
        var service = Service.ResourcesOfType("Microsoft.ApiManagement/service").Single();

        var deploy = compiled.Main.Json["parameters"]!["deployApiManagement"]!;

        Assert.Equal("Consumption", service["sku"]!["name"]!.GetValue<string>());
        Assert.Equal(0, service["sku"]!["capacity"]!.GetValue<int>());
        Assert.Equal("UserAssigned", service["identity"]!["type"]!.GetValue<string>());
        Assert.True(deploy["defaultValue"]!.GetValue<bool>());
        Assert.Equal("[parameters('deployApiManagement')]", ModuleResource("apim")["condition"]!.GetValue<string>());
    }

    [Fact]
    public void Api_Definition_IsImportedByLinkFromTheAppsOwnDocument()
    {
        var api = Product.ResourcesOfType("Microsoft.ApiManagement/service/apis").Single()["properties"]!;

        var variables = Product.Json["variables"]!;

        Assert.Equal("[if(parameters('importFromApp'), 'openapi+json-link', null())]", api["format"]!.GetValue<string>());
        Assert.Equal("[if(parameters('importFromApp'), variables('openApiUrl'), null())]", api["value"]!.GetValue<string>());
        Assert.Equal("[format('{0}/api/openapi.json', parameters('appUri'))]", variables["openApiUrl"]!.GetValue<string>());
        Assert.Contains("'api'), '2025-04-01').outputs.uri.value", Product.PassedValue("appUri"));
        Assert.Equal("[parameters('apimImportFromApp')]", Product.PassedValue("importFromApp"));
        Assert.False(compiled.Main.Json["parameters"]!["apimImportFromApp"]!["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void Api_Keys_AreRequiredOnTheApiAndEveryProduct()
    {
        var api = Product.ResourcesOfType("Microsoft.ApiManagement/service/apis").Single()["properties"]!;

        var products = Product.ResourcesOfType("Microsoft.ApiManagement/service/products").Single()["properties"]!;

        Assert.True(api["subscriptionRequired"]!.GetValue<bool>());
        Assert.Equal("[parameters('apimApiPath')]", Product.PassedValue("apiPath"));
        Assert.Equal(["https"], api["protocols"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(products["subscriptionRequired"]!.GetValue<bool>());
        Assert.Equal("published", products["state"]!.GetValue<string>());
        Assert.Equal("[length(variables('products'))]", Product.ResourcesOfType("Microsoft.ApiManagement/service/products/apis").Single()["copy"]!["count"]!.GetValue<string>());
        Assert.Equal(["free", "metered"], Product.Json["variables"]!["products"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("free", "product-free.xml", "freeRateLimitCalls", "freeRateLimitPeriodSeconds", "freeDailyQuota", "86400")]
    [InlineData("metered", "product-metered.xml", "meteredRateLimitCalls", "meteredRateLimitPeriodSeconds", "meteredMonthlyQuota", "2592000")]
    public void Product_Policy_CarriesItsLimitsFromParameters(string product, string file, string calls, string period, string quota, string quotaPeriod)
    {
        var entry = Product.Json["variables"]!["products"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == product)!;

        var policy = entry["policy"]!.GetValue<string>();
        var template = XDocument.Parse(PolicyFile(file));
        var rateLimit = template.Descendants("rate-limit").Single();
        var quotaElement = template.Descendants("quota").Single();
        var fileVariable = Product.VariableIn(policy);

        Assert.Equal(PolicyFile(file), fileVariable);
        Assert.Contains($"'__RATE_LIMIT_CALLS__', string(parameters('{calls}'))", policy);
        Assert.Contains($"'__RATE_LIMIT_PERIOD__', string(parameters('{period}'))", policy);
        Assert.Contains($"'__QUOTA_CALLS__', string(parameters('{quota}'))", policy);
        Assert.Equal("__RATE_LIMIT_CALLS__", rateLimit.Attribute("calls")!.Value);
        Assert.Equal("__RATE_LIMIT_PERIOD__", rateLimit.Attribute("renewal-period")!.Value);
        Assert.Equal("retryAfter", rateLimit.Attribute("retry-after-variable-name")!.Value);
        Assert.Equal("remainingCalls", rateLimit.Attribute("remaining-calls-variable-name")!.Value);
        var headers = template.Descendants("set-header").ToDictionary(h => h.Attribute("name")!.Value, h => h.Element("value")!.Value);
        Assert.Equal("\"burst\";q=__RATE_LIMIT_CALLS__;w=__RATE_LIMIT_PERIOD__", headers["RateLimit-Policy"]);
        Assert.Contains("remainingCalls", headers["RateLimit"], StringComparison.Ordinal);
        Assert.Equal("__QUOTA_CALLS__", quotaElement.Attribute("calls")!.Value);
        Assert.Equal(quotaPeriod, quotaElement.Attribute("renewal-period")!.Value);
        Assert.Equal(300, compiled.Main.Json["parameters"]![period]!["maxValue"]!.GetValue<int>());
        Assert.Contains(calls, compiled.Main.Module("apim").PassedValue(calls));
    }

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void Policy_File_IsWellFormedAndUsesOnlyConsumptionTierPolicies(string file)
    {
        var document = XDocument.Parse(PolicyFile(file));

        var names = document.Descendants().Select(element => element.Name.LocalName).Distinct().ToList();

        Assert.Equal("policies", document.Root!.Name.LocalName);
        Assert.All(names, name => Assert.True(ConsumptionPolicies.Contains(name) || Structure.Contains(name), $"{file}: <{name}> is not a Consumption-tier policy"));
        Assert.All(NotOnConsumption, name => Assert.DoesNotContain(name, names));
    }

    [Fact]
    public void Policy_Files_AreWhatTheTemplateDeploys()
    {
        var globalPolicy = Product.ResourcesOfType("Microsoft.ApiManagement/service/policies").Single()["properties"]!;

        var apiPolicy = Product.ResourcesOfType("Microsoft.ApiManagement/service/apis/policies").Single()["properties"]!;

        Assert.Equal("xml", globalPolicy["format"]!.GetValue<string>());
        Assert.Equal(PolicyFile("global.xml"), Product.VariableIn(globalPolicy["value"]!.GetValue<string>()));
        Assert.Equal(PolicyFile("api.xml"), Product.VariableIn(apiPolicy["value"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("RateLimitExceeded", "429", "RateLimitExceeded")]
    [InlineData("QuotaExceeded", "403", "QuotaExceeded")]
    [InlineData("SubscriptionKeyNotFound", "401", "SubscriptionKeyInvalid")]
    [InlineData("OperationNotFound", "404", "OperationNotFound")]
    public void GlobalPolicy_GatewayRefusal_IsAProblemJsonResponseWithACataloguedCode(string reason, string status, string code)
    {
        var onError = XDocument.Parse(PolicyFile("global.xml")).Descendants("on-error").Single();

        var branch = onError.Descendants("when").Single(when => when.Attribute("condition")!.Value.Contains($"\"{reason}\"", StringComparison.Ordinal));
        var variables = branch.Elements("set-variable").ToDictionary(v => v.Attribute("name")!.Value, v => v.Attribute("value")!.Value);
        var response = onError.Descendants("return-response").Single();
        var contentType = response.Elements("set-header").Single(header => header.Attribute("name")!.Value == "Content-Type");
        var body = response.Element("set-body")!.Value;

        Assert.Equal(status, variables["problemStatus"]);
        Assert.Equal(code, variables["problemCode"]);
        Assert.Contains("problemStatus", response.Element("set-status")!.Attribute("code")!.Value, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", contentType.Element("value")!.Value);
        Assert.Contains("new JProperty(\"code\", (string)context.Variables[\"problemCode\"])", body, StringComparison.Ordinal);
        Assert.Contains("new JProperty(\"type\", \"urn:healthoracle:problem:\" + (string)context.Variables[\"problemCode\"])", body, StringComparison.Ordinal);
        Assert.Contains("new JProperty(\"title\"", body, StringComparison.Ordinal);
        // The code is in the catalogue the app's problems come from (docs/errors.md is generated from ProblemTypes.cs).
        Assert.Contains($"`{code}`", File.ReadAllText(Path.Combine(InfraPaths.Root, "docs", "errors.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RateLimitExceeded")]
    [InlineData("QuotaExceeded")]
    public void GlobalPolicy_TooManyRequestsAndQuota_CarryRetryAfter(string reason)
    {
        var onError = XDocument.Parse(PolicyFile("global.xml")).Descendants("on-error").Single();

        var branch = onError.Descendants("when").Single(when => when.Attribute("condition")!.Value.Contains($"\"{reason}\"", StringComparison.Ordinal));
        var retryAfter = onError.Descendants("return-response").Single().Elements("set-header").Single(h => h.Attribute("name")!.Value == "Retry-After");

        Assert.Contains(branch.Elements("set-variable"), v => v.Attribute("name")!.Value == "problemRetryAfter");
        Assert.Contains("problemRetryAfter", retryAfter.Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("problemRetryAfter", retryAfter.Attribute("exists-action")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalPolicy_Refusals_CarryTheRequestIdsTraceResponseAndRateLimitFields_AsEveryAnswerOfTheApp()
    {
        var response = XDocument.Parse(PolicyFile("global.xml")).Descendants("on-error").Single().Descendants("return-response").Single();

        var headers = response.Elements("set-header").ToDictionary(h => h.Attribute("name")!.Value, h => h);

        Assert.Contains("problemRequestId", headers["x-request-id"].Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("x-ms-client-request-id", headers["x-ms-client-request-id"].Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("traceparent", headers["traceresponse"].Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("\"00-\"", headers["traceresponse"].Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("rateLimitPolicy", headers["RateLimit-Policy"].Element("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("remainingCalls", headers["RateLimit"].Element("value")!.Value, StringComparison.Ordinal);
        // The caller's x-request-id is echoed under the app's own rule (Infrastructure/Correlation/RequestIds.cs).
        var requestId = XDocument.Parse(PolicyFile("global.xml")).Descendants("set-variable").Single(v => v.Attribute("name")!.Value == "problemRequestId");
        Assert.Contains("^[A-Za-z0-9._:-]{1,128}$", requestId.Attribute("value")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("product-free.xml")]
    [InlineData("product-metered.xml")]
    public void ProductPolicy_GivesTheGatewaysRefusalsItsRateLimitPolicy(string file)
    {
        var policy = XDocument.Parse(PolicyFile(file));

        var onError = policy.Descendants("on-error").Single().Elements().ToList();
        var outbound = policy.Descendants("outbound").Single().Elements("set-header").Single(h => h.Attribute("name")!.Value == "RateLimit-Policy");

        Assert.Equal("set-variable", onError[0].Name.LocalName);
        Assert.Equal("rateLimitPolicy", onError[0].Attribute("name")!.Value);
        Assert.Equal(outbound.Element("value")!.Value, onError[0].Attribute("value")!.Value);
        Assert.Equal("base", onError[1].Name.LocalName); // before <base />: the global on-error reads it
    }

    [Fact]
    public void ApiPolicy_SendsTheGatewayKeyAndDropsTheCallersKeyAndAnyClaimedPrincipal()
    {
        var policy = XDocument.Parse(PolicyFile("api.xml"));

        var headers = policy.Descendants("set-header").ToDictionary(h => h.Attribute("name")!.Value, h => h);
        var query = policy.Descendants("set-query-parameter").ToDictionary(h => h.Attribute("name")!.Value, h => h);

        Assert.Equal("{{gateway-key}}", headers["X-Gateway-Key"].Element("value")!.Value);
        Assert.Equal("override", headers["X-Gateway-Key"].Attribute("exists-action")!.Value);
        Assert.Equal("delete", headers["Ocp-Apim-Subscription-Key"].Attribute("exists-action")!.Value);
        // A key sent in the query would otherwise reach the app and its request logs.
        Assert.Equal("delete", query["subscription-key"].Attribute("exists-action")!.Value);
        Assert.All(["X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-ID", "X-MS-CLIENT-PRINCIPAL-NAME", "X-MS-CLIENT-PRINCIPAL-IDP"],
            name => Assert.Equal("delete", headers[name].Attribute("exists-action")!.Value));
    }

    [Fact]
    public void NamedValue_FirstProvision_HoldsTheKeyItselfAndLaterOnesFollowKeyVault()
    {
        // A role granted seconds earlier can take minutes to apply: reading Key Vault on the first provision fails with 403.
        var namedValue = Product.ResourcesOfType("Microsoft.ApiManagement/service/namedValues").Single();

        var properties = ArmTemplate.Text(namedValue["properties"]);
        var passed = compiled.Main.Module("apim").PassedValue("gatewayKeyValue");

        Assert.Contains("'gateway-key'", namedValue["name"]!.GetValue<string>());
        Assert.StartsWith("[if(empty(parameters('gatewayKeyValue')), createObject(", properties);
        Assert.Contains("'keyVault', createObject('secretIdentifier', parameters('gatewayKeySecretUri'), 'identityClientId', parameters('identityClientId'))", properties);
        Assert.Contains("'value', parameters('gatewayKeyValue')", properties);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(properties, "'secret', true").Count);
        Assert.Equal("[if(variables('firstGatewayKey'), createObject('value', parameters('gatewayKey')), createObject('value', ''))]", passed);
        Assert.Equal("securestring", Product.Json["parameters"]!["gatewayKeyValue"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Keys_Template_CreatesNoSubscriptionAndReadsNoKey()
    {
        var json = compiled.MainJson;

        var subscriptions = compiled.Main.SelfAndModules().SelectMany(t => t.ResourcesOfType("Microsoft.ApiManagement/service/subscriptions"));

        Assert.Empty(subscriptions);
        Assert.All(["primaryKey", "secondaryKey", "listSecrets", "listKeys", "listValue", "getSecret"], word => Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void GatewayKeySlots_AreWrittenOnTheFirstProvisionAndTheOtherOneAtARotationsStart()
    {
        var slots = compiled.Main.Module("gatewayKeySlots");

        var secrets = slots.ResourcesOfType("Microsoft.KeyVault/vaults/secrets").Where(s => s["existing"]?.GetValue<bool>() != true).ToList();
        var variables = compiled.Main.Json["variables"]!;

        Assert.Equal(["[parameters('writeA')]", "[parameters('writeB')]"], secrets.Select(s => s["condition"]!.GetValue<string>()));
        Assert.Equal("[or(variables('firstGatewayKey'), and(variables('gatewayRotationStarts'), equals(variables('otherGatewayKeySlot'), 'a')))]", slots.PassedValue("writeA"));
        Assert.Equal("[or(variables('firstGatewayKey'), and(variables('gatewayRotationStarts'), equals(variables('otherGatewayKeySlot'), 'b')))]", slots.PassedValue("writeB"));
        Assert.Equal("[if(variables('firstGatewayKey'), if(equals(variables('sendingGatewayKeySlot'), 'a'), createObject('value', parameters('gatewayKey')), createObject('value', parameters('gatewayKeySecond'))), createObject('value', parameters('gatewayKey')))]", slots.PassedValue("valueA"));
        Assert.All(["valueA", "valueB"], name => Assert.Equal("securestring", slots.Json["parameters"]![name]!["type"]!.GetValue<string>()));
        Assert.Equal("[and(parameters('deployApiManagement'), not(parameters('gatewayKeyInKeyVault')))]", variables["firstGatewayKey"]!.GetValue<string>());
        Assert.Equal("[and(and(parameters('deployApiManagement'), parameters('gatewayKeyInKeyVault')), equals(parameters('gatewayKeyRotation'), 'start'))]", variables["gatewayRotationStarts"]!.GetValue<string>());
        Assert.Equal("[if(and(equals(parameters('gatewayKeyRotation'), 'finish'), parameters('gatewayKeyInKeyVault')), variables('otherGatewayKeySlot'), parameters('gatewayKeySlot'))]", variables["sendingGatewayKeySlot"]!.GetValue<string>());
    }

    [Fact]
    public void GatewayKey_AppAcceptsBothSlotsByVersionAndTheGatewaySendsOne()
    {
        var settings = compiled.Main.Module("api").ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => ArmTemplate.Text(s!["value"]));

        var appKey = compiled.Main.Module("api").PassedValue("gatewayKeySecretUri");
        var appPrevious = compiled.Main.Module("api").PassedValue("gatewayPreviousKeySecretUri");
        var gatewayKey = compiled.Main.Module("apim").PassedValue("gatewayKeySecretUri");

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Gateway__Key"]);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Gateway__PreviousKey"]);
        Assert.Equal("[string(not(empty(parameters('gatewayKeySecretUri'))))]", settings["Gateway__Required"]);
        // Versioned for the app (a new version changes the setting, which restarts the app), versionless for the gateway.
        Assert.Contains("if(equals(variables('sendingGatewayKeySlot'), 'a')", appKey);
        Assert.Contains("'secretUriWithVersionA'", appKey);
        Assert.Contains("'secretUriWithVersionB'", appPrevious);
        Assert.Contains("'secretUriA'", gatewayKey);
        Assert.DoesNotContain("WithVersion", gatewayKey);
        Assert.Contains("Gateway__SitePermitsPerMinute", settings.Keys);
    }

    [Fact]
    public void GatewayKeySlots_Outputs_AreVersionedUrisOfTheWrittenOrTheKeptSecret()
    {
        var outputs = compiled.Main.Module("gatewayKeySlots").Outputs.ToDictionary(o => o.Name, o => ArmTemplate.Text(o.Definition["value"]));

        Assert.Equal("[if(parameters('writeA'), reference('writtenA').secretUriWithVersion, reference('keptA').secretUriWithVersion)]", outputs["secretUriWithVersionA"]);
        Assert.Equal("[if(parameters('writeB'), reference('writtenB').secretUriWithVersion, reference('keptB').secretUriWithVersion)]", outputs["secretUriWithVersionB"]);
        Assert.All(outputs.Values, value => Assert.DoesNotContain("'value'", value));
    }

    [Fact]
    public void Logger_GatewayRequests_GoToApplicationInsightsWithoutHeadersOrBodies()
    {
        var logger = Service.ResourcesOfType("Microsoft.ApiManagement/service/loggers").Single()["properties"]!;

        var diagnostics = Service.ResourcesOfType("Microsoft.ApiManagement/service/diagnostics").Single()["properties"]!;

        Assert.Equal("applicationInsights", logger["loggerType"]!.GetValue<string>());
        Assert.Equal("[parameters('identityClientId')]", logger["credentials"]!["identityClientId"]!.GetValue<string>());
        Assert.False(diagnostics["logClientIp"]!.GetValue<bool>());
        Assert.All(new[] { "frontend", "backend" }.SelectMany(side => new[] { diagnostics[side]!["request"]!, diagnostics[side]!["response"]! }), message =>
        {
            Assert.Equal(0, message["body"]!["bytes"]!.GetValue<int>());
            Assert.Empty(message["headers"]!.AsArray());
        });
    }

    private JsonObject ModuleResource(string name) =>
        compiled.Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>() == name);
}
