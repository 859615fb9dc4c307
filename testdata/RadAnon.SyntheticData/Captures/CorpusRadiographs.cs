using System.Collections.Concurrent;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;

namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// Real radiographs from ../shared/corpus (INDEX.tsv) for the viewport of a screenshot: rows rendered with pixel data,
/// no burned-in text, modality CR/DX/MG/XA/RF/CT/MR, at least 256x256. Frame 0 is decoded and rendered for display by
/// the project's own code (PixelDataDecoder, then DisplayRenderer: modality LUT, VOI, MONOCHROME1 inversion) to 8 bits;
/// colour renderings become BT.601 luminance. The files are read in place, never copied.
/// </summary>
public static class CorpusRadiographs
{
    private static readonly string[] Modalities = ["CR", "DX", "MG", "XA", "RF", "CT", "MR"];
    private static readonly Lazy<IReadOnlyList<string>> Paths = new(ListEligible);
    private static readonly ConcurrentDictionary<string, GrayImage?> Decoded = new(StringComparer.Ordinal);

    /// <summary>The corpus folder: RADANON_CORPUS, or ../shared/corpus beside the checkout; null when absent.</summary>
    public static string? Directory { get; } = FindCorpus();

    /// <summary>Eligible files by relative path, in ordinal order (empty without the corpus).</summary>
    public static IReadOnlyList<string> Eligible => Paths.Value;

    /// <summary>The image at <paramref name="index"/> (mod the count), skipping files our reader cannot render; null without a corpus.</summary>
    public static (string Path, GrayImage Image)? Pick(int index)
    {
        var paths = Eligible;
        for (var k = 0; k < paths.Count; k++)
        {
            var path = paths[(((index + k) % paths.Count) + paths.Count) % paths.Count];
            if (Decoded.GetOrAdd(path, Load) is { } image)
            {
                return (path, image);
            }
        }

        return null;
    }

    private static GrayImage? Load(string relative)
    {
        try
        {
            using var file = DicomFile.Open(System.IO.Path.Combine(Directory!, relative));
            var frame = new PixelDataDecoder(file).DecodeFrame(0);
            var rendered = DisplayRenderer.Render(file.Dataset, frame);
            return rendered.Bands == 1 ? GrayImage.FromRendered(rendered) : Luminance(rendered);
        }
        catch (RadAnonException)
        {
            return null; // a file our toolkit cannot render is not used as anatomy
        }
    }

    private static GrayImage Luminance(RenderedImage rgb)
    {
        var image = GrayImage.Create8(rgb.Width, rgb.Height);
        var dst = image.Pixels8;
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = (byte)new Rgb(rgb.Data[3 * i], rgb.Data[(3 * i) + 1], rgb.Data[(3 * i) + 2]).Luma;
        }

        return image;
    }

    private static List<string> ListEligible()
    {
        if (Directory is null)
        {
            return [];
        }

        return File.ReadLines(System.IO.Path.Combine(Directory, "INDEX.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 10 && Modalities.Contains(f[2]) && f[8] == "no"
                && f[9].StartsWith("rendered", StringComparison.Ordinal)
                && int.TryParse(f[4], out var rows) && rows >= 256 && int.TryParse(f[5], out var cols) && cols >= 256)
            .Select(f => f[0])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? FindCorpus()
    {
        if (Environment.GetEnvironmentVariable("RADANON_CORPUS") is { Length: > 0 } set)
        {
            return File.Exists(System.IO.Path.Combine(set, "INDEX.tsv")) ? set : null;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "RadAnon.sln")))
                {
                    var corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "corpus"));
                    return File.Exists(System.IO.Path.Combine(corpus, "INDEX.tsv")) ? corpus : null;
                }
            }
        }

        return null;
    }
}
