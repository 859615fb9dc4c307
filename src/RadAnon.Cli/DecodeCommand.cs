using System.Globalization;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;
using RadAnon.Dicom.Reading;

namespace RadAnon.Cli;

/// <summary>
/// `radanon dicom decode FILE -o OUT.npy [--frame N]`: stored pixel values after decompression and before
/// any LUT. Colour is RGB when a codec converted YBR (JPEG baseline/extended); otherwise as stored, with
/// native YBR_FULL_422 expanded to three YBR_FULL samples per pixel.
/// </summary>
internal static class DecodeCommand
{
    public static int Run(string[] args)
    {
        string? input = null, output = null;
        int? frame = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--frame" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var f):
                    frame = f;
                    i++;
                    break;
                default:
                    if (input is null && !args[i].StartsWith('-'))
                    {
                        input = args[i];
                        break;
                    }

                    Console.Error.WriteLine(CommandLine.Usage);
                    return ExitCodes.Usage;
            }
        }

        if (input is null || output is null)
        {
            Console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        using var file = DicomFile.Open(input, new DicomReadOptions { LazyPixelData = true });
        var decoder = new PixelDataDecoder(file);
        if (frame is { } n && (n < 0 || n >= decoder.NumberOfFrames))
        {
            Console.Error.WriteLine($"--frame {n} is outside 0..{decoder.NumberOfFrames - 1}");
            return ExitCodes.Usage;
        }

        var frames = frame is { } only
            ? new[] { decoder.DecodeFrame(only) }
            : Enumerable.Range(0, decoder.NumberOfFrames).Select(decoder.DecodeFrame).ToArray();
        var description = frames[0].SamplesPerPixel == decoder.Description.SamplesPerPixel
            ? decoder.Description
            : decoder.Description with { SamplesPerPixel = frames[0].SamplesPerPixel };
        using var stream = File.Create(output);
        NpyWriter.Write(stream, description, frames);
        return ExitCodes.Success;
    }
}
