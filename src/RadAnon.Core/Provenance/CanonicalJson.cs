using System.Text.Json;
using System.Text.Json.Nodes;

namespace RadAnon.Core.Provenance;

/// <summary>
/// A canonical form of a JSON document (object keys sorted ordinally, no insignificant whitespace), so that the
/// hash and signature of a report do not depend on how it was pretty-printed or which process wrote it.
/// </summary>
public static class CanonicalJson
{
    public static byte[] ToBytes(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            Write(writer, node);
        }

        return buffer.ToArray();
    }

    public static byte[] ToBytes(string json) =>
        ToBytes(JsonNode.Parse(json) ?? throw new ArgumentException("the report is the JSON literal null", nameof(json)));

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
