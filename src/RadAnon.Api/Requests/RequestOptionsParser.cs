using System.Text.Json;
using RadAnon.Api.Problems;
using RadAnon.Core;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;

namespace RadAnon.Api.Requests;

/// <summary>
/// Builds <see cref="AnonymizeOptions"/> from the query string (profile, format, redact, markers, text, regions, force,
/// burnOverlays)
/// and an optional JSON options document (multipart field "options"); the JSON wins where both are given.
/// Every bad value is a 400 that names the parameter and the accepted values.
/// </summary>
public static class RequestOptionsParser
{
    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 8 };

    public static AnonymizeOptions Parse(IQueryCollection query, string? optionsJson, ProfileConfiguration profiles)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(profiles);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "profile", "format", "redact", "markers", "text", "regions", "force", "burnOverlays" })
        {
            if (query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]))
            {
                values[name] = v[0]!;
            }
        }

        JsonElement? regions = null;
        if (!string.IsNullOrWhiteSpace(optionsJson))
        {
            regions = ReadJsonOptions(optionsJson, values);
        }

        if (regions is null && values.TryGetValue("regions", out var regionsText))
        {
            regions = ParseJson(regionsText, "regions").RootElement;
        }

        var profile = values.GetValueOrDefault("profile", NamedProfiles.DefaultName);
        if (!profiles.Profiles.ContainsKey(profile))
        {
            throw Invalid($"profile '{Clip(profile)}' is not defined; known profiles: {string.Join(", ", profiles.Profiles.Keys.Order(StringComparer.Ordinal))}");
        }

        var (add, veto) = regions is { } r ? ParseRegions(r) : ([], []);
        return new AnonymizeOptions
        {
            Profile = profile,
            Format = Enum<OutputFormat>(values, "format", OutputFormat.Same),
            Redact = Enum<RedactionMethod>(values, "redact", RedactionMethod.Blur),
            Markers = Enum<MarkerPolicy>(values, "markers", MarkerPolicy.Keep),
            Text = Enum<TextPolicy>(values, "text", TextPolicy.All),
            AddRegions = add,
            VetoRegions = veto,
            Force = values.TryGetValue("force", out var force) && Bool(force, "force"),
            BurnOverlays = values.TryGetValue("burnOverlays", out var burn) && Bool(burn, "burnOverlays"),
        };
    }

    private static JsonElement? ReadJsonOptions(string json, Dictionary<string, string> values)
    {
        var root = ParseJson(json, "options").RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("options must be a JSON object such as {\"profile\":\"foamed\",\"redact\":\"fill\"}");
        }

        JsonElement? regions = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "regions":
                    regions = property.Value.Clone();
                    break;
                case "force" or "burnoverlays":
                    var flag = property.Name.ToLowerInvariant() == "force" ? "force" : "burnOverlays";
                    values[flag] = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => throw Invalid($"options.{flag} must be true or false"),
                    };
                    break;
                case "profile" or "format" or "redact" or "markers" or "text":
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : throw Invalid($"options.{property.Name} must be a string");
                    break;
                default:
                    throw Invalid($"unknown option '{Clip(property.Name)}'; known: profile, format, redact, markers, text, regions, force, burnOverlays");
            }
        }

        return regions;
    }

    private static (IReadOnlyList<PixelBox> Add, IReadOnlyList<PixelBox> Veto) ParseRegions(JsonElement regions)
    {
        if (regions.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("regions must be an object {\"add\":[{\"x\":0,\"y\":0,\"width\":10,\"height\":10}],\"veto\":[...]}");
        }

        var add = new List<PixelBox>();
        var veto = new List<PixelBox>();
        foreach (var property in regions.EnumerateObject())
        {
            var target = property.Name switch
            {
                "add" => add,
                "veto" => veto,
                _ => throw Invalid($"regions.{Clip(property.Name)} is not known; use add and veto"),
            };
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() > 1000)
            {
                throw Invalid($"regions.{property.Name} must be an array of at most 1000 boxes");
            }

            foreach (var box in property.Value.EnumerateArray())
            {
                target.Add(Box(box, property.Name));
            }
        }

        return (add, veto);
    }

    private static PixelBox Box(JsonElement box, string list)
    {
        int Read(string name) => box.ValueKind == JsonValueKind.Object && box.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0
            ? i
            : throw Invalid($"each box in regions.{list} needs non-negative integers x, y, width and height");
        var result = new PixelBox(Read("x"), Read("y"), Read("width"), Read("height"));
        return result.Width > 0 && result.Height > 0 ? result : throw Invalid($"a box in regions.{list} has zero width or height");
    }

    private static T Enum<T>(Dictionary<string, string> values, string name, T fallback)
        where T : struct, Enum
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(text, out _)
            ? parsed
            : throw Invalid($"{name} '{Clip(text)}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    private static bool Bool(string text, string name) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw Invalid($"{name} must be true or false"),
    };

    private static JsonDocument ParseJson(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, JsonLimits);
        }
        catch (JsonException ex)
        {
            throw Invalid($"{what} is not valid JSON (line {ex.LineNumber}, position {ex.BytePositionInLine})");
        }
    }

    /// <summary>Echo at most a short, sanitised prefix of a bad value: enough to recognise a typo, never a payload.</summary>
    private static string Clip(string text) => SafeEcho.Token(text);

    private static ApiProblemException Invalid(string detail) => new(ProblemTypes.InvalidOptions, detail);
}
