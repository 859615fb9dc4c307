using System.Diagnostics;
using System.Globalization;
using RadAnon;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;

// In-process DICOM throughput: parse only, and parse + decode every frame, over every readable file in a folder.
//   dotnet RadAnon.Bench.dll DIR [ROUNDS]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: RadAnon.Bench DIR [ROUNDS]");
    return 2;
}

var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var files = Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories)
    .Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".tsv", StringComparison.Ordinal))
    .Select(f => (Path: f, Bytes: File.ReadAllBytes(f)))
    .Where(f => Readable(f.Bytes))
    .ToList();
var totalBytes = files.Sum(f => (long)f.Bytes.Length);
Console.WriteLine($"{files.Count} readable files, {totalBytes / 1e6:F1} MB, best of {rounds} rounds");

var parse = Best(rounds, () =>
{
    foreach (var (_, bytes) in files)
    {
        using var file = DicomFile.Read(bytes);
    }
});
Report("parse", totalBytes, parse);

long decodedFiles = 0;
long decodedBytes = 0;
var decode = Best(rounds, () =>
{
    decodedFiles = 0;
    decodedBytes = 0;
    foreach (var (_, bytes) in files)
    {
        using var file = DicomFile.Read(bytes);
        if (!file.Dataset.Contains(DicomTags.PixelData))
        {
            continue;
        }

        try
        {
            var decoder = new PixelDataDecoder(file);
            for (var i = 0; i < decoder.NumberOfFrames; i++)
            {
                decoder.DecodeFrame(i);
            }

            decodedFiles++;
            decodedBytes += bytes.Length;
        }
        catch (RadAnonException)
        {
            // unsupported syntaxes (HTJ2K, JPEG XL) and broken pixel data are not part of the throughput
        }
    }
});
Console.WriteLine($"decode: {decodedFiles} files with decodable pixels");
Report("parse+decode", decodedBytes, decode);
return 0;

static bool Readable(byte[] bytes)
{
    try
    {
        using var file = DicomFile.Read(bytes);
        return true;
    }
    catch (RadAnonException)
    {
        return false;
    }
}

static TimeSpan Best(int rounds, Action action)
{
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < rounds; i++)
    {
        var clock = Stopwatch.StartNew();
        action();
        best = clock.Elapsed < best ? clock.Elapsed : best;
    }

    return best;
}

static void Report(string what, long bytes, TimeSpan time) =>
    Console.WriteLine($"{what}: {time.TotalMilliseconds:F0} ms, {bytes / 1e6 / time.TotalSeconds:F1} MB/s");
