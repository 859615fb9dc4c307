namespace RadAnon.Dicom;

/// <summary>How a transfer syntax encodes the dataset and its pixels.</summary>
public sealed record TransferSyntax(
    string Uid,
    string Name,
    bool ExplicitVR,
    bool BigEndian,
    bool Deflated,
    bool Encapsulated,
    bool Lossy)
{
    public const string ImplicitVRLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndianUid = "1.2.840.10008.1.2.2";
    public const string RleLosslessUid = "1.2.840.10008.1.2.5";
    public const string JpegBaselineUid = "1.2.840.10008.1.2.4.50";
    public const string JpegExtendedUid = "1.2.840.10008.1.2.4.51";
    public const string JpegLosslessP14Uid = "1.2.840.10008.1.2.4.57";
    public const string JpegLosslessSV1Uid = "1.2.840.10008.1.2.4.70";
    public const string JpegLSLosslessUid = "1.2.840.10008.1.2.4.80";
    public const string JpegLSNearLosslessUid = "1.2.840.10008.1.2.4.81";
    public const string Jpeg2000LosslessUid = "1.2.840.10008.1.2.4.90";
    public const string Jpeg2000Uid = "1.2.840.10008.1.2.4.91";

    public static readonly TransferSyntax ImplicitVRLittleEndian =
        new(ImplicitVRLittleEndianUid, "Implicit VR Little Endian", false, false, false, false, false);

    public static readonly TransferSyntax ExplicitVRLittleEndian =
        new(ExplicitVRLittleEndianUid, "Explicit VR Little Endian", true, false, false, false, false);

    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian =
        new(DeflatedExplicitVRLittleEndianUid, "Deflated Explicit VR Little Endian", true, false, true, false, false);

    public static readonly TransferSyntax ExplicitVRBigEndian =
        new(ExplicitVRBigEndianUid, "Explicit VR Big Endian", true, true, false, false, false);

    private static readonly Dictionary<string, TransferSyntax> Known = new[]
    {
        ImplicitVRLittleEndian,
        ExplicitVRLittleEndian,
        DeflatedExplicitVRLittleEndian,
        ExplicitVRBigEndian,
        EncapsulatedSyntax(RleLosslessUid, "RLE Lossless", lossy: false),
        EncapsulatedSyntax(JpegBaselineUid, "JPEG Baseline (Process 1)", lossy: true),
        EncapsulatedSyntax(JpegExtendedUid, "JPEG Extended (Process 2 & 4)", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.55", "JPEG Full Progression (Process 10 & 12)", lossy: true),
        EncapsulatedSyntax(JpegLosslessP14Uid, "JPEG Lossless, Non-Hierarchical (Process 14)", lossy: false),
        EncapsulatedSyntax(JpegLosslessSV1Uid, "JPEG Lossless, First-Order Prediction (Process 14 SV1)", lossy: false),
        EncapsulatedSyntax(JpegLSLosslessUid, "JPEG-LS Lossless", lossy: false),
        EncapsulatedSyntax(JpegLSNearLosslessUid, "JPEG-LS Near-Lossless", lossy: true),
        EncapsulatedSyntax(Jpeg2000LosslessUid, "JPEG 2000 Lossless Only", lossy: false),
        EncapsulatedSyntax(Jpeg2000Uid, "JPEG 2000", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless Only", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.94", "JPIP Referenced", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile For 2D Video", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile For 3D Video", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.112", "JPEG XL", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless Only", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Lossless Only", lossy: false),
        EncapsulatedSyntax("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", lossy: true),
        EncapsulatedSyntax("1.2.840.10008.1.2.8.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", lossy: false),
    }.ToDictionary(ts => ts.Uid, StringComparer.Ordinal);

    /// <summary>
    /// Finds a syntax by UID. Unknown UIDs are taken as encapsulated explicit VR little endian, as PS3.5
    /// section 10 requires of every syntax after the first four, so their headers can still be read.
    /// </summary>
    public static TransferSyntax Lookup(string uid)
    {
        var key = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(key, out var ts) ? ts : EncapsulatedSyntax(key, "Unknown transfer syntax", lossy: true);
    }

    public static bool IsKnown(string uid) => Known.ContainsKey(uid.TrimEnd('\0', ' '));

    private static TransferSyntax EncapsulatedSyntax(string uid, string name, bool lossy) =>
        new(uid, name, ExplicitVR: true, BigEndian: false, Deflated: false, Encapsulated: true, Lossy: lossy);
}
