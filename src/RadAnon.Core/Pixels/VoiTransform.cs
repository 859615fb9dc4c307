using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Pixels;

/// <summary>
/// Modality values to 0..1 display values: VOI LUT Sequence, else the first window (LINEAR, LINEAR_EXACT or
/// SIGMOID, PS3.3 C.11.2.1.2), else a window over the frame's full range.
/// </summary>
internal sealed class VoiTransform
{
    private readonly Func<double, double> _map;

    private VoiTransform(Func<double, double> map)
    {
        _map = map;
    }

    public double Apply(double value) => _map(value);

    public static VoiTransform For(DicomDataset dataset, double modalityMin, double modalityMax, bool signed)
    {
        if (LookupTable.FromSequence(dataset, DicomTags.VOILUTSequence, signed) is { } lut)
        {
            return new VoiTransform(v => lut.Map(v) / lut.MaxOutput);
        }

        if (dataset.TryGet<double>(DicomTags.WindowCenter, out var center) && dataset.TryGet<double>(DicomTags.WindowWidth, out var width)
            && width >= 1 && double.IsFinite(center))
        {
            var function = dataset.GetString(DicomTags.VOILUTFunction) ?? "LINEAR";
            return new VoiTransform(function switch
            {
                "SIGMOID" => v => 1.0 / (1.0 + Math.Exp(-4.0 * (v - center) / width)),
                "LINEAR_EXACT" => v => Math.Clamp((v - (center - (width / 2))) / width, 0, 1),
                _ => Linear(center, width),
            });
        }

        var low = Math.Min(modalityMin, modalityMax);
        var high = Math.Max(modalityMin, modalityMax);
        var span = Math.Max(high - low, 1);
        return new VoiTransform(v => Math.Clamp((v - low) / span, 0, 1));
    }

    private static Func<double, double> Linear(double c, double w)
    {
        if (w <= 1)
        {
            return v => v <= c - 0.5 ? 0 : 1;
        }

        return v => v <= c - 0.5 - ((w - 1) / 2) ? 0
            : v > c - 0.5 + ((w - 1) / 2) ? 1
            : ((v - (c - 0.5)) / (w - 1)) + 0.5;
    }
}
