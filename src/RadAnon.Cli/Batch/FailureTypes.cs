using RadAnon.Core;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.Core.Profiles;
using RadAnon.Core.Raster;
using RadAnon.Dicom;

namespace RadAnon.Cli.Batch;

/// <summary>The failures.json type of an exception that quarantines one input; null for an unexpected one (a bug: "internal").</summary>
internal static class FailureTypes
{
    public static string? Of(Exception ex) => ex switch
    {
        DeidentificationRefusedException r => r.Reason,
        ResidualTextException => "residual-text",
        OcrUnavailableException => "ocr-unavailable",
        TextModelUnavailableException => "text-model-unavailable",
        InvalidOptionsException => "invalid-options",
        InvalidDicomException => "invalid-dicom",
        InvalidImageException => "invalid-image",
        ImageTooLargeException => "image-too-large",
        UnsupportedTransferSyntaxException => "unsupported-transfer-syntax",
        UnsupportedPixelDataException => "unsupported-pixel-data",
        RemoteProblemException p => p.Type,
        HttpRequestException => "server-unreachable",
        TaskCanceledException => "server-timeout",
        InvalidDataException => "server-response",
        IOException or UnauthorizedAccessException => "io",
        InvalidOperationException => "unwritable",
        _ => null,
    };
}
