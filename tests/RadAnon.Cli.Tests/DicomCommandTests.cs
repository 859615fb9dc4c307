using System.Text.Json;
using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

public sealed class DicomCommandTests
{
    [CorpusFact]
    public void Dump_ReadableFile_PrintsDicomJsonModel()
    {
        var result = Cli.Run("dicom", "dump", Path.Combine(Repository.CorpusDirectory, "pydicom", "CT_small.dcm"));
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var rows = json.RootElement.GetProperty("00280010");
        Assert.Equal("US", rows.GetProperty("vr").GetString());
        Assert.Equal(128, rows.GetProperty("Value")[0].GetInt32());
        Assert.Equal("PN", json.RootElement.GetProperty("00100010").GetProperty("vr").GetString());
        Assert.True(json.RootElement.GetProperty("00100010").GetProperty("Value")[0].TryGetProperty("Alphabetic", out _));
        Assert.StartsWith("bulkdata:", json.RootElement.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString(), StringComparison.Ordinal);
    }

    [CorpusFact]
    public void Dump_SmallBinaryValue_IsInlineBinary()
    {
        var result = Cli.Run("dicom", "dump", Path.Combine(Repository.CorpusDirectory, "pydicom", "CT_small.dcm"));
        using var json = JsonDocument.Parse(result.StandardOutput);
        var inline = json.RootElement.EnumerateObject()
            .Where(p => p.Value.TryGetProperty("InlineBinary", out _))
            .ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, p => Assert.True(Convert.FromBase64String(p.Value.GetProperty("InlineBinary").GetString()!).Length <= 1024));
    }

    [CorpusFact]
    public void Dump_TruncatedFile_ExitsThreeNamingTheOffset()
    {
        var result = Cli.Run("dicom", "dump", Path.Combine(Repository.CorpusDirectory, "pydicom", "MR_truncated.dcm"));
        Assert.Equal(3, result.ExitCode);
        var lines = result.StandardError.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Matches("at offset [0-9]+", lines[0]);
    }

    [CorpusFact]
    public void Decode_UnsupportedTransferSyntax_ExitsFourNamingTheUid()
    {
        var htj2k = CorpusIndex.Dicom.First(e => e.TransferSyntaxUid == "1.2.840.10008.1.2.4.201");
        var output = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".npy");
        var result = Cli.Run("dicom", "decode", htj2k.FullPath, "-o", output);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("1.2.840.10008.1.2.4.201", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "no output is written when decoding fails");
    }

    [Fact]
    public void UnknownCommand_ExitsTwoWithUsage()
    {
        var result = Cli.Run("dicom", "frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage", result.StandardError, StringComparison.Ordinal);
    }
}
