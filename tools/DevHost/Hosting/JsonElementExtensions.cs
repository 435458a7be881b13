using System.Text.Json;

namespace HealthOracle.DevHost.Hosting;

/// <summary>Reading the Functions tooling's JSON files, whose property names are matched without regard to case.</summary>
internal static class JsonElementExtensions
{
    /// <summary>The property <paramref name="name"/> (any case) of an object; false for a missing property or a non-object.</summary>
    public static bool TryGetPropertyIgnoreCase(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
