using System.Text.Json;
using System.Text.Json.Serialization;

namespace RadAnon.Api.Endpoints;

/// <summary>JSON settings for bodies the endpoints write themselves (the framework's are used elsewhere).</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
