namespace RadAnon.Api.Problems;

/// <summary>
/// The stable <c>type</c> URIs of every RFC 9457 problem the API returns. Clients branch on these, so they never
/// change once published; the <c>title</c> is for people.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://radanon.dev/problems/";

    public const string InvalidOptions = Base + "invalid-options";
    public const string MissingFile = Base + "missing-file";
    public const string RequestTooLarge = Base + "request-too-large";
    public const string ImageTooLarge = Base + "image-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string UnsupportedTransferSyntax = Base + "unsupported-transfer-syntax";
    public const string UnsupportedPixelData = Base + "unsupported-pixel-data";
    public const string InvalidDicom = Base + "invalid-dicom";
    public const string InvalidImage = Base + "invalid-image";
    public const string DeidentificationRefused = Base + "deidentification-refused";
    public const string ResidualText = Base + "residual-text";
    public const string OcrUnavailable = Base + "ocr-unavailable";
    public const string TextModelUnavailable = Base + "text-model-unavailable";
    public const string LedgerUnavailable = Base + "ledger-unavailable";
    public const string Busy = Base + "busy";
    public const string Unauthorized = Base + "unauthorized";
    public const string RateLimited = Base + "rate-limited";
    public const string NotFound = Base + "not-found";
    public const string Internal = Base + "internal";
    public const string InvalidArchive = Base + "invalid-archive";
    public const string UnsafeArchive = Base + "unsafe-archive";
    public const string ArchiveTooLarge = Base + "archive-too-large";

    /// <summary>Every type with its HTTP status and title, for the docs and for tests that walk them all.</summary>
    public static IReadOnlyList<(string Type, int Status, string Title)> All { get; } =
    [
        (InvalidOptions, 400, "The request options are invalid"),
        (MissingFile, 400, "The request carries no image"),
        (Unauthorized, 401, "A valid API key is required"),
        (NotFound, 404, "Not found"),
        (RequestTooLarge, 413, "The request body is larger than the configured limit"),
        (ImageTooLarge, 413, "The image has more pixels than the configured limit"),
        (ArchiveTooLarge, 413, "The batch archive exceeds a configured batch limit"),
        (UnsupportedMediaType, 415, "The media type is not DICOM, PNG or JPEG"),
        (UnsupportedTransferSyntax, 415, "The DICOM transfer syntax is not supported"),
        (UnsupportedPixelData, 415, "The pixel data encoding is not supported"),
        (InvalidDicom, 422, "The DICOM file is malformed"),
        (InvalidImage, 422, "The image file is malformed"),
        (DeidentificationRefused, 422, "The object cannot be de-identified safely"),
        (ResidualText, 422, "Identifying text was still readable after redaction"),
        (InvalidArchive, 422, "The ZIP archive is malformed"),
        (UnsafeArchive, 422, "The ZIP archive is unsafe to unpack"),
        (RateLimited, 429, "Too many requests"),
        (Internal, 500, "Unexpected server error"),
        (OcrUnavailable, 503, "OCR is unavailable, so pixels cannot be cleaned"),
        (TextModelUnavailable, 503, "The learned text detector is unavailable, so pixels cannot be cleaned"),
        (LedgerUnavailable, 503, "The provenance ledger is unavailable"),
        (Busy, 503, "All pixel workers are busy"),
    ];

    public static (int Status, string Title) Describe(string type)
    {
        var match = All.First(t => t.Type == type);
        return (match.Status, match.Title);
    }
}
