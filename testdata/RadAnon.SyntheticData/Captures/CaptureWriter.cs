using System.Globalization;
using System.Text.Json;
using NetVips;
using RadAnon.SyntheticData.Anatomy;

namespace RadAnon.SyntheticData.Captures;

/// <summary>Writes screenshots, photos or anatomy images with their truth (boxes, kinds, fields; text included) to a folder.</summary>
public static class CaptureWriter
{
    public static int Write(string kind, string outDir, int first, int count)
    {
        Directory.CreateDirectory(outDir);
        var index = new Dictionary<string, object>();
        for (var seed = first; seed < first + count; seed++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{kind}_{seed:D4}.png");
            var path = Path.Combine(outDir, name);
            switch (kind)
            {
                case "screens":
                    index[name] = Save(ScreenshotGenerator.Generate(seed), path);
                    break;
                case "photos":
                    var photo = PhotoGenerator.Generate(seed);
                    index[name] = new { Truth = Save(photo.Photo, path), photo.Corners, photo.Nominal, photo.Scale };
                    break;
                case "corpus":
                    if (CorpusRadiographs.Pick(seed) is { } real)
                    {
                        using var r = Image.NewFromMemory(real.Image.To8BitView(), real.Image.Width, real.Image.Height, 1, Enums.BandFormat.Uchar);
                        r.WriteToFile(path);
                        index[name] = real.Path;
                    }

                    break;
                default:
                    var a = AnatomyGenerator.Generate(seed, AnatomyGenerator.BitsForSeed(seed));
                    using (var image = Image.NewFromMemory(a.Image.To8BitView(), a.Image.Width, a.Image.Height, 1, Enums.BandFormat.Uchar))
                    {
                        image.WriteToFile(path);
                    }

                    index[name] = new { a.Structures, Bits = a.Image.BitsStored };
                    break;
            }
        }

        var options = new JsonSerializerOptions { WriteIndented = true, IncludeFields = true };
        File.WriteAllText(Path.Combine(outDir, "truth.json"), JsonSerializer.Serialize(index, options));
        Console.WriteLine($"wrote {count} {kind} to {outDir}");
        return 0;
    }

    private static IReadOnlyList<object> Save(CaptureCase c, string path)
    {
        File.WriteAllBytes(path, c.Image.ToPng());
        return c.Truth.Select(t => (object)new { t.Box.X, t.Box.Y, t.Box.Width, t.Box.Height, t.Text, Kind = t.Kind.ToString(), t.Field, t.GlyphHeight, Colour = t.Colour.ToString() }).ToList();
    }
}
