using System.Text.Json;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>
/// The part of JSON Schema our reports lean on: required properties, type, enum and const, nested properties, array
/// items and local $ref. Enough to hold the emitted reports to schemas/provenance-v1.json without a schema library.
/// </summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Problems(JsonElement root, JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            foreach (var p in Problems(root, target, value, path))
            {
                yield return p;
            }

            yield break;
        }

        if (schema.TryGetProperty("const", out var constant) && constant.ToString() != value.ToString())
        {
            yield return $"{path}: expected {constant}";
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => c.ToString() == value.ToString()))
        {
            yield return $"{path}: {value} is not one of {choices}";
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type.GetString()!, value))
        {
            yield return $"{path}: expected {type}, got {value.ValueKind}";
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    yield return $"{path}: missing required '{name}'";
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                var sub = schema.TryGetProperty("properties", out var props) && props.TryGetProperty(property.Name, out var s) ? s
                    : schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object ? additional
                    : default;
                if (sub.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in Problems(root, sub, property.Value, path + "." + property.Name))
                    {
                        yield return p;
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var p in Problems(root, items, item, $"{path}[{i++}]"))
                {
                    yield return p;
                }
            }
        }
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => true,
    };
}
