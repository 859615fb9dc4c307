using RadAnon.Core.Pixels;
using RadAnon.SyntheticData.Captures;

namespace RadAnon.SyntheticData.Anatomy;

/// <summary>Structures a text-free anatomy image can hold.</summary>
public enum AnatomyStructure
{
    RibCage,
    Trabecular,
    Screw,
    GridLines,
    Collimator,
}

/// <summary>A text-free synthetic image: nothing in it may ever be painted. Header values are fake, as a DICOM would carry.</summary>
public sealed record AnatomyCase(int Seed, GrayImage Image, IReadOnlyList<AnatomyStructure> Structures, IReadOnlyList<string> HeaderValues)
{
    /// <summary>Always empty: there is no text in these images.</summary>
    public IReadOnlyList<TruthBox> Truth { get; } = [];
}

/// <summary>
/// Seeded text-free anatomy for "never paint" property tests: a body with, by seed, rib cages, trabecular bone,
/// orthopaedic screws with threads, anti-scatter grid lines and collimator edges, plus noise; 1024x1280 by default,
/// 8, 12 or 16 bits. Seed mod 5 picks the structure every image has, so five consecutive seeds hold all of them.
/// </summary>
public static class AnatomyGenerator
{
    public static AnatomyCase Generate(int seed, int bitsStored = 8, int width = 1024, int height = 1280)
    {
        if (bitsStored is not (8 or 12 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(bitsStored), bitsStored, "8, 12 or 16");
        }

        var rng = new Random(seed);
        var field = new AnatomyField(width, height);
        AnatomyStructures.Body(field, rng);
        var all = Enum.GetValues<AnatomyStructure>();
        var primary = all[((seed % all.Length) + all.Length) % all.Length];
        var chosen = all.Where(s => s == primary || rng.NextDouble() < 0.35).ToList();
        foreach (var structure in chosen)
        {
            Paint(field, rng, structure);
        }

        AddNoise(field, rng);
        var patient = FakePatient.Draw(rng);
        string[] headers = [$"{patient.Family}^{patient.Given}", patient.Id, patient.Accession, patient.Birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)];
        return new AnatomyCase(seed, field.ToImage(bitsStored), chosen, headers);
    }

    /// <summary>8, 12 and 16 bits in turn by seed, as the evaluation runs them.</summary>
    public static int BitsForSeed(int seed) => (((seed % 3) + 3) % 3) switch { 0 => 8, 1 => 12, _ => 16 };

    private static void Paint(AnatomyField field, Random rng, AnatomyStructure structure)
    {
        switch (structure)
        {
            case AnatomyStructure.RibCage:
                AnatomyStructures.RibCage(field, rng);
                break;
            case AnatomyStructure.Trabecular:
                AnatomyStructures.Trabecular(field, rng);
                break;
            case AnatomyStructure.Screw:
                AnatomyStructures.Screw(field, rng);
                break;
            case AnatomyStructure.GridLines:
                AnatomyStructures.GridLines(field, rng);
                break;
            default:
                AnatomyStructures.Collimator(field, rng);
                break;
        }
    }

    private static void AddNoise(AnatomyField field, Random rng)
    {
        var sigma = 0.004 + (0.01 * rng.NextDouble());
        var values = field.Values;
        for (var i = 0; i < values.Length; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var n = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[i] = (float)Math.Clamp(values[i] + (sigma * n), 0, 1);
        }
    }
}
