namespace RadAnon.SyntheticData;

/// <summary>One piece of burned-in text in a synthetic image: ink box, the text, and whether it identifies.</summary>
public sealed record TruthBox(int X, int Y, int Width, int Height, string Text, string Kind, bool Identifying, bool Rotated, bool LightOnDark, int GlyphHeight);

/// <summary>A synthetic radiograph with its ground truth and the header values a matching DICOM file would carry.</summary>
public sealed record SyntheticCase(int Seed, RadAnon.Core.Pixels.GrayImage Image, IReadOnlyList<TruthBox> Truth, IReadOnlyList<string> HeaderValues);
