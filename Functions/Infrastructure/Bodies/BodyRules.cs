using Microsoft.AspNetCore.Http.Features;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// What one route's body may be: JSON up to <see cref="MaxJsonBytes"/>, a form (urlencoded or multipart) up to
/// <see cref="MaxFormBytes"/> when the route takes forms, and what the answers say about it. Everything else
/// (charsets, depth, duplicate names, error caps) is the same for every route: <see cref="RequestBodyReader"/>.
/// </summary>
/// <param name="MaxJsonBytes">The longest JSON body, in bytes; 0 when the route takes forms only (a page's).</param>
/// <param name="MaxFormBytes">The longest form body, in bytes; 0 when the route takes JSON only.</param>
/// <param name="WhatToSend">What an empty body's answer tells the caller to send.</param>
/// <param name="InvalidType">The kind of this route's 400 for values that are not acceptable.</param>
internal sealed record BodyRules(int MaxJsonBytes, int MaxFormBytes, string WhatToSend, ProblemType InvalidType)
{
    /// <summary>The deepest JSON any route reads: far more than any request here nests.</summary>
    public const int MaxDepth = 16;

    /// <summary>A form has a few dozen fields: the framework's defaults (1,024 values, 4 MB values) are far larger than one needs.</summary>
    public const int MaxFormValues = 256;

    /// <summary>A form field's name is short.</summary>
    public const int MaxFormNameChars = 256;

    public bool TakesJson => MaxJsonBytes > 0;

    public bool TakesForms => MaxFormBytes > 0;

    /// <summary>The longest body of any kind this route reads.</summary>
    public int MaxBytes => Math.Max(MaxJsonBytes, MaxFormBytes);

    /// <summary>The content types this route reads, in words, for its 415.</summary>
    public string Accepted => (TakesJson, TakesForms) switch
    {
        (true, true) => "Send application/json, application/x-www-form-urlencoded or multipart/form-data.",
        (true, false) => "Send application/json.",
        _ => "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
    };

    /// <summary>The form reader's limits: past them it stops reading (a 400), whatever the body's length.</summary>
    public FormOptions FormLimits { get; } = new()
    {
        ValueCountLimit = MaxFormValues,
        KeyLengthLimit = MaxFormNameChars,
        ValueLengthLimit = Math.Max(MaxFormBytes, 1),
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
        MultipartBoundaryLengthLimit = 70,
        MultipartBodyLengthLimit = Math.Max(MaxFormBytes, 1),
        MemoryBufferThreshold = Math.Max(MaxFormBytes, 1),
    };
}
