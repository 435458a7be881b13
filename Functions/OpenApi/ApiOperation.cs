using System.Globalization;
using System.Text.Json.Nodes;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// One operation (a method on a function's route) as a feature describes it. Every method adds to the
/// OpenAPI operation object and answers the operation, so that a description reads top to bottom.
/// </summary>
internal sealed class ApiOperation
{
    private readonly JsonObject _operation;
    private readonly JsonObject _responses = [];
    private readonly SortedDictionary<string, JsonObject> _everyAnswerHeaders = new(StringComparer.Ordinal);

    public ApiOperation(HttpFunction function, string path, string method, string operationId, string summary)
    {
        Function = function;
        Path = path;
        Method = method;
        _operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
        };
    }

    public HttpFunction Function { get; }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The path in the document: the function's route, with any bound parameters filled in.</summary>
    public string Path { get; }

    public string OperationId => _operation["operationId"]!.GetValue<string>();

    /// <summary>
    /// True when a call without <c>api-version</c> is answered by a form the document does not describe (a deprecated
    /// one, until its sunset): the document then requires <c>api-version</c> here, so that what it says is all the call can get.
    /// </summary>
    public bool RequiresApiVersion { get; private set; }

    /// <summary>Marks <see cref="RequiresApiVersion"/> (when <paramref name="required"/>).</summary>
    public ApiOperation VersionRequired(bool required = true)
    {
        RequiresApiVersion |= required;
        return this;
    }

    /// <summary>The statuses described so far.</summary>
    public IEnumerable<int> Statuses => _responses.Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture));

    public ApiOperation Description(string markdown)
    {
        _operation["description"] = markdown;
        return this;
    }

    public ApiOperation Tag(string tag)
    {
        _operation["tags"] = new JsonArray(tag);
        return this;
    }

    public ApiOperation PathParameter(string name, JsonNode schema, string description) =>
        Parameter(name, "path", schema, description, required: true);

    public ApiOperation QueryParameter(string name, JsonNode schema, string description, bool required = false) =>
        Parameter(name, "query", schema, description, required);

    public ApiOperation HeaderParameter(string name, JsonNode schema, string description) =>
        Parameter(name, "header", schema, description, required: false);

    /// <summary>The request body: one entry per media type, each with its schema and optional named examples.</summary>
    public ApiOperation Body(string description, bool required, params ApiContent[] contents)
    {
        _operation["requestBody"] = new JsonObject
        {
            ["description"] = description,
            ["required"] = required,
            ["content"] = ApiContent.ToContent(contents),
        };
        return this;
    }

    /// <summary>An answer with a body (or none, with no contents).</summary>
    public ApiOperation Returns(int status, string description, params ApiContent[] contents) =>
        Returns(status, description, headers: null, contents);

    /// <summary>An answer with headers, e.g. <c>Retry-After</c>.</summary>
    public ApiOperation Returns(int status, string description, JsonObject? headers, params ApiContent[] contents)
    {
        var response = new JsonObject { ["description"] = description };
        if (headers is { Count: > 0 })
        {
            response["headers"] = headers;
        }

        if (contents.Length > 0)
        {
            response["content"] = ApiContent.ToContent(contents);
        }

        _responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        return this;
    }

    /// <summary>
    /// An <c>application/problem+json</c> answer (RFC 9457); a 429 or 503 carries <c>Retry-After</c> when
    /// <paramref name="retryAfter"/> says so. A status already described (by the operation, then by another
    /// feature, such as the gateway's 429 beside the chat's own) keeps its body and gains the new description;
    /// <c>Retry-After</c> stays required only if both always send it.
    /// </summary>
    public ApiOperation Problem(int status, string description, RetryAfter retryAfter = RetryAfter.None, JsonNode? schema = null, params ApiContent[] alsoAs)
    {
        if (_responses[status.ToString(CultureInfo.InvariantCulture)] is JsonObject existing)
        {
            existing["description"] = $"{existing["description"]} {description}";
            var header = existing["headers"]?["Retry-After"];
            if (header is not null || retryAfter != RetryAfter.None)
            {
                var always = header?["required"]?.GetValue<bool>() == true && retryAfter == RetryAfter.Always;
                existing["headers"] = new JsonObject { ["Retry-After"] = ProblemSchemas.RetryAfterHeader(always) };
            }

            return this;
        }

        var headers = retryAfter == RetryAfter.None ? null : new JsonObject { ["Retry-After"] = ProblemSchemas.RetryAfterHeader(retryAfter == RetryAfter.Always) };
        return Returns(status, description, headers, [new ApiContent(ProblemSchemas.MediaType, schema ?? ProblemSchemas.Reference), .. alsoAs]);
    }

    /// <summary>Who may call it: alternatives, each a scheme name (an empty name: no credentials needed).</summary>
    public ApiOperation Security(params string[] alternatives)
    {
        _operation["security"] = SecurityRequirements(alternatives);
        return this;
    }

    public static JsonArray SecurityRequirements(IEnumerable<string> alternatives) => new(alternatives
        .Select(scheme => (JsonNode)(scheme.Length == 0 ? new JsonObject() : new JsonObject { [scheme] = new JsonArray() }))
        .ToArray());

    /// <summary>A header every answer of this operation carries (a <c>$ref</c> to a component header, or the header itself).</summary>
    public ApiOperation EveryAnswerCarries(string name, JsonObject header)
    {
        _everyAnswerHeaders[name] = header;
        return this;
    }

    public bool Has(int status) => _responses.ContainsKey(status.ToString(CultureInfo.InvariantCulture));

    /// <summary>The OpenAPI operation object, with its answers in status order.</summary>
    public JsonObject ToJson()
    {
        var operation = _operation.DeepClone().AsObject();
        var ordered = new JsonObject();
        foreach (var (status, response) in _responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var answer = response!.DeepClone().AsObject();
            if (_everyAnswerHeaders.Count > 0)
            {
                var headers = answer["headers"] as JsonObject ?? [];
                foreach (var (name, header) in _everyAnswerHeaders)
                {
                    headers[name] = header.DeepClone();
                }

                answer["headers"] = headers;
            }

            ordered[status] = answer;
        }

        operation["responses"] = ordered;
        return operation;
    }

    private ApiOperation Parameter(string name, string location, JsonNode schema, string description, bool required)
    {
        if (_operation["parameters"] is not JsonArray parameters)
        {
            _operation["parameters"] = parameters = [];
        }

        parameters.Add(new JsonObject
        {
            ["name"] = name,
            ["in"] = location,
            ["required"] = required,
            ["description"] = description,
            ["schema"] = schema,
        });
        return this;
    }
}

/// <summary>Whether a problem answer carries <c>Retry-After</c>.</summary>
internal enum RetryAfter
{
    None,

    /// <summary>Always: the condition passes, and the header says when.</summary>
    Always,

    /// <summary>When the condition will pass; absent when it will not by waiting (say which in the description).</summary>
    Sometimes,
}

/// <summary>One media type of a body: its schema and, optionally, named examples (name → value).</summary>
internal sealed record ApiContent(string MediaType, JsonNode Schema, IReadOnlyList<ApiExample>? Examples = null)
{
    public static JsonObject ToContent(IEnumerable<ApiContent> contents)
    {
        var content = new JsonObject();
        foreach (var item in contents)
        {
            var media = new JsonObject { ["schema"] = item.Schema.DeepClone() };
            if (item.Examples is { Count: > 0 } examples)
            {
                media["examples"] = new JsonObject(examples.Select(e => KeyValuePair.Create(e.Name, (JsonNode?)new JsonObject
                {
                    ["summary"] = e.Summary,
                    ["value"] = e.Value.DeepClone(),
                })));
            }

            content[item.MediaType] = media;
        }

        return content;
    }
}

/// <summary>A named example of a body.</summary>
internal sealed record ApiExample(string Name, string Summary, JsonNode Value);
