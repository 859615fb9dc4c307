namespace RadAnon.Core.Pixels.Text;

// Checking the painted image for text that is still there.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="BurnedInTextCleaner"/> when it verifies the painted image.</summary>
    public sealed record VerificationThresholds
    {
        /// <summary>The surroundings of painted boxes are read by OCR at most this long side; larger areas are shrunk to bound the time.</summary>
        public int AreaSize { get; init; } = 1200;

        /// <summary>Detection runs in full this far around a painted box (or its smaller side, if larger): text beside it is there.</summary>
        public int MinSurroundings { get; init; } = 16;

        /// <summary>A candidate within this many pixels of a painting touches it: the line below a painted one ends where its painting starts.</summary>
        public int TouchPixels { get; init; } = 2;

        /// <summary>A word only the whole-image pass at reduced scale found refuses the image when read at least this confidently.</summary>
        public float WholeImageMinConfidence { get; init; } = 70;
    }
}
