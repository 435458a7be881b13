using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.DevHost.Tests.Http;

public sealed class HttpRouteTableTests
{
    private static readonly IInlineConstraintResolver Resolver =
        new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();

    [Theory]
    [InlineData("GET", "/api/predict/schema", "Schema")]
    [InlineData("GET", "/api/predict/heart", "Predict")]
    [InlineData("POST", "/api/predict/heart", "Predict")]
    [InlineData("GET", "/api/items/42", "Item")]
    public void Match_PathAndMethod_PicksTheMostSpecificFunction(string method, string path, string expected)
    {
        var table = Table("api");

        var match = table.Match(Request(method, path));

        Assert.Equal(expected, match.Route?.Function.Name);
    }

    [Fact]
    public void Match_RouteParameter_IsInTheValues()
    {
        var table = Table("api");

        var match = table.Match(Request("POST", "/api/predict/liver"));

        Assert.Equal("liver", match.Values!["disease"]);
    }

    [Fact]
    public void Match_ConstraintNotMet_IsNotFound()
    {
        var table = Table("api");

        var match = table.Match(Request("GET", "/api/items/abc"));

        Assert.Null(match.Route);
        Assert.Empty(match.AllowedMethods);
    }

    [Fact]
    public void Match_WrongMethod_ListsTheAllowedOnes()
    {
        var table = Table("api");

        var match = table.Match(Request("DELETE", "/api/predict/schema"));

        Assert.Null(match.Route);
        Assert.Contains("GET", match.AllowedMethods);
    }

    [Fact]
    public void Match_EmptyRoutePrefix_ServesFromTheRoot()
    {
        var table = Table("");

        var match = table.Match(Request("GET", "/items/7"));

        Assert.Equal("Item", match.Route?.Function.Name);
    }

    [Fact]
    public void Match_NoRoute_UsesTheFunctionName()
    {
        var table = Table("api");

        var match = table.Match(Request("PUT", "/api/Unrouted"));

        Assert.Equal("Unrouted", match.Route?.Function.Name);
    }

    private static HttpRouteTable Table(string prefix) => new(
        [
            Http("Predict", "predict/{disease}", "get", "post"),
            Http("Schema", "predict/schema", "get"),
            Http("Item", "items/{id:int}", "get"),
            Http("Unrouted", null),
        ],
        prefix,
        Resolver);

    private static FunctionDescriptor Http(string name, string? route, params string[] methods)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = name };
        var routeJson = route is null ? "" : $", \"route\": \"{route}\"";
        metadata.RawBindings.Add($"{{ \"name\": \"req\", \"type\": \"httpTrigger\", \"direction\": \"In\", \"authLevel\": \"Anonymous\", \"methods\": [{string.Join(",", methods.Select(m => $"\"{m}\""))}]{routeJson} }}");
        return FunctionIndex.Describe(metadata);
    }

    private static DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }
}
