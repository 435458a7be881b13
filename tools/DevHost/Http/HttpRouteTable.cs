using HealthOracle.DevHost.Functions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// The HTTP functions' routes, as the host builds them: <c>{routePrefix}/{route ?? name}</c>, most
/// specific first (literals before parameters), methods from the trigger (none listed: any method).
/// </summary>
internal sealed class HttpRouteTable
{
    private readonly IReadOnlyList<HttpRoute> _routes;

    public HttpRouteTable(IEnumerable<FunctionDescriptor> functions, string routePrefix, IInlineConstraintResolver constraintResolver)
    {
        _routes = functions
            .Where(f => f.IsHttp)
            .Select(f => HttpRoute.Create(f, routePrefix, constraintResolver))
            .OrderBy(r => r.Precedence)
            .ThenBy(r => r.Template.TemplateText, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    public IReadOnlyList<HttpRoute> Routes => _routes;

    public RouteMatch Match(HttpContext context)
    {
        List<string>? allowed = null;
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (!route.TryMatch(context, values))
            {
                continue;
            }

            if (route.AllowsMethod(context.Request.Method))
            {
                return new RouteMatch(route, values, []);
            }

            (allowed ??= []).AddRange(route.Methods.Select(m => m.ToUpperInvariant()));
        }

        return new RouteMatch(null, null, allowed?.Distinct().ToArray() ?? []);
    }
}

/// <summary>A match: the route and its values, or none (with the methods the path allows, if any).</summary>
internal sealed record RouteMatch(HttpRoute? Route, RouteValueDictionary? Values, IReadOnlyList<string> AllowedMethods);

internal sealed class HttpRoute
{
    private readonly TemplateMatcher _matcher;
    private readonly IDictionary<string, IRouteConstraint> _constraints;

    private HttpRoute(FunctionDescriptor function, RouteTemplate template, IDictionary<string, IRouteConstraint> constraints)
    {
        Function = function;
        Template = template;
        _constraints = constraints;
        _matcher = new TemplateMatcher(template, new RouteValueDictionary(
            template.Parameters.Where(p => p.DefaultValue is not null).ToDictionary(p => p.Name!, p => p.DefaultValue)));
        Precedence = RoutePrecedence.ComputeInbound(template);
    }

    public FunctionDescriptor Function { get; }

    public RouteTemplate Template { get; }

    public decimal Precedence { get; }

    public IReadOnlyList<string> Methods => Function.Trigger.Methods;

    public static HttpRoute Create(FunctionDescriptor function, string routePrefix, IInlineConstraintResolver resolver)
    {
        var suffix = (function.Trigger.Route ?? function.Name).Trim('/');
        var text = routePrefix.Length == 0 ? suffix : suffix.Length == 0 ? routePrefix : $"{routePrefix}/{suffix}";
        var template = TemplateParser.Parse(text);

        var builder = new RouteConstraintBuilder(resolver, text);
        foreach (var parameter in template.Parameters)
        {
            foreach (var constraint in parameter.InlineConstraints)
            {
                builder.AddResolvedConstraint(parameter.Name!, constraint.Constraint);
            }

            if (parameter.IsOptional)
            {
                builder.SetOptional(parameter.Name!);
            }
        }

        return new HttpRoute(function, template, builder.Build());
    }

    public bool AllowsMethod(string method) =>
        Methods.Count == 0 || Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase));

    public bool TryMatch(HttpContext context, RouteValueDictionary values)
    {
        if (!_matcher.TryMatch(context.Request.Path, values))
        {
            return false;
        }

        foreach (var (name, constraint) in _constraints)
        {
            if (!constraint.Match(context, null, name, values, RouteDirection.IncomingRequest))
            {
                return false;
            }
        }

        return true;
    }
}
