using System.Globalization;
using System.Text.Json;
using RadAnon.Dicom.Tests.Reading;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Oracles;

/// <summary>Every element we read agrees with pydicom on tag, VR and value, file by file.</summary>
public sealed class PydicomAgreementTests
{
    [ToolTheory(ExternalTool.SystemPython)]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void Read_CorpusFile_AgreesWithPydicomOnEveryElement(string path)
    {
        var entry = CorpusIndex.Get(path);
        var oracle = PydicomOracle.For(entry.FullPath);
        DicomFile file;
        try
        {
            file = DicomFile.Open(entry.FullPath);
        }
        catch (InvalidDicomException ex)
        {
            Assert.True(oracle.TryGetProperty("error", out _) || KnownDifferences.Rejections.ContainsKey(path) || entry.IsMalformed,
                $"pydicom reads {path}, we reject it: {ex.Message}");
            return;
        }

        if (oracle.TryGetProperty("error", out _) || KnownDifferences.Readings.ContainsKey(path))
        {
            return; // we read more than pydicom: nothing to compare against
        }

        var ours = ElementFlattener.Flatten(file.Dataset).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var problems = new List<string>();
        var opaque = ours.Values.Where(f => f.VR == "UN").Select(f => f.Path + "/").ToList();
        foreach (var row in oracle.GetProperty("elements").EnumerateArray())
        {
            var elementPath = row[0].GetString()!;
            var vr = row[1].GetString()!;
            if (opaque.Any(p => elementPath.StartsWith(p, StringComparison.Ordinal)))
            {
                continue; // inside a private sequence that pydicom's private dictionary knows and we keep as UN
            }

            if (!ours.Remove(elementPath, out var mine))
            {
                problems.Add($"{elementPath} {vr}: missing in ours");
                continue;
            }

            if (!VRAgrees(vr, mine.VR))
            {
                if (mine.VR == "UN")
                {
                    continue; // pydicom knew a private VR from its private dictionary; we keep such values opaque
                }

                problems.Add($"{elementPath}: VR {mine.VR}, pydicom {vr}");
                continue;
            }

            if (!ValueAgrees(row[2], mine.Value))
            {
                problems.Add($"{elementPath} {vr}: value differs (ours {Describe(mine.Value)}, pydicom {row[2].GetRawText()})");
            }
        }

        problems.AddRange(ours.Keys.Select(k => $"{k}: only in ours"));
        Assert.True(problems.Count == 0, $"{path}: {problems.Count} differences:\n" + string.Join('\n', problems.Take(25)));
    }

    private static bool VRAgrees(string theirs, string ours) =>
        theirs == ours || theirs.Split(" or ").Contains(ours);

    private static bool ValueAgrees(JsonElement theirs, object? ours)
    {
        switch (ours)
        {
            case null:
                return theirs.ValueKind == JsonValueKind.Null;
            case int count:
                return theirs.ValueKind == JsonValueKind.Number && theirs.GetInt32() == count;
            case ValueTuple<string, int> bulk:
                return theirs.ValueKind == JsonValueKind.Object && theirs.GetProperty("sha256").GetString() == bulk.Item1;
            case List<object> list:
                if (theirs.ValueKind != JsonValueKind.Array || theirs.GetArrayLength() != list.Count)
                {
                    // pydicom drops a trailing empty value of a multi-valued string; treat a lone empty as absent.
                    return theirs.ValueKind == JsonValueKind.Array && list.Count == theirs.GetArrayLength() + 1 && Equals(list[^1], string.Empty);
                }

                var i = 0;
                foreach (var t in theirs.EnumerateArray())
                {
                    if (!ItemAgrees(t, list[i++]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool ItemAgrees(JsonElement theirs, object ours) => (theirs.ValueKind, ours) switch
    {
        (JsonValueKind.Number, double d) => Math.Abs(theirs.GetDouble() - d) <= 1e-6 * Math.Max(1, Math.Abs(d)),
        (JsonValueKind.String, string s) => theirs.GetString()!.Trim().TrimEnd('=') == s.TrimEnd('='),
        (JsonValueKind.String, double d) => double.TryParse(theirs.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && Math.Abs(t - d) <= 1e-6 * Math.Max(1, Math.Abs(d)),
        _ => false,
    };

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        List<object> list => "[" + string.Join(", ", list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
