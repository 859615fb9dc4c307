using System.Text.Json;
using RadAnon.Core.Pixels.Text;
using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Provenance;

/// <summary>The report's vocabulary of rule names is the engine's: the schema lists exactly <see cref="TextRules.All"/>.</summary>
public sealed class RegionRuleSchemaTests
{
    [Fact]
    public void Schema_RegionRuleEnum_IsTheEnginesRuleNames()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "schemas", "provenance-v1.json")));
        var region = schema.RootElement.GetProperty("properties").GetProperty("pixels").GetProperty("properties")
            .GetProperty("regions").GetProperty("items").GetProperty("properties");

        var names = region.GetProperty("rule").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(TextRules.All.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal("boolean", region.GetProperty("learned").GetProperty("type").GetString());
    }
}
