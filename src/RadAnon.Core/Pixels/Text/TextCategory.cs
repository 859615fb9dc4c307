namespace RadAnon.Core.Pixels.Text;

/// <summary>What a region's text is, by its most identifying word. The text itself is never reported.</summary>
public enum TextCategory
{
    /// <summary>Matches a value from the file's header (a name variant, an ID, a date).</summary>
    HeaderMatch,

    Date,

    /// <summary>A long number or a digit-bearing code (MRN, accession).</summary>
    Id,

    /// <summary>A name-like or institution-like word (any alphabetic word that is not clinical vocabulary).</summary>
    Name,

    /// <summary>Clinical text that identifies nobody (units, measurements, body parts).</summary>
    OtherText,

    /// <summary>Looks like text but OCR could not read it with confidence: redacted (fail closed).</summary>
    Unreadable,

    /// <summary>An allowlisted marker standing alone.</summary>
    Marker,

    /// <summary>A box the caller asked to remove.</summary>
    CallerRegion,
}
