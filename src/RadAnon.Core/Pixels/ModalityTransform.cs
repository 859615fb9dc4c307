using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Pixels;

/// <summary>Stored values to modality values: Modality LUT Sequence if present, else RescaleSlope/Intercept.</summary>
internal sealed class ModalityTransform
{
    private readonly LookupTable? _lut;
    private readonly double _slope;
    private readonly double _intercept;

    private ModalityTransform(LookupTable? lut, double slope, double intercept)
    {
        _lut = lut;
        _slope = slope;
        _intercept = intercept;
    }

    public static ModalityTransform For(DicomDataset dataset, bool signed)
    {
        var lut = LookupTable.FromSequence(dataset, DicomTags.ModalityLUTSequence, signed);
        var slope = dataset.GetOrDefault(DicomTags.RescaleSlope, 1.0);
        var intercept = dataset.GetOrDefault(DicomTags.RescaleIntercept, 0.0);
        return new ModalityTransform(lut, slope == 0 || !double.IsFinite(slope) ? 1 : slope, double.IsFinite(intercept) ? intercept : 0);
    }

    public double Apply(double stored) => _lut is not null ? _lut.Map(stored) : (stored * _slope) + _intercept;
}
