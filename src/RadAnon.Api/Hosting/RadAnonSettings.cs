using RadAnon.Core;
using RadAnon.Core.Batches;
using RadAnon.Dicom.Reading;

namespace RadAnon.Api.Hosting;

/// <summary>
/// Everything configurable, bound from the "RadAnon" section (appsettings.json, RADANON__* environment
/// variables, or --RadAnon:... arguments). Defaults are the embedded single-machine set-up.
/// </summary>
public sealed class RadAnonSettings
{
    public const string Section = "RadAnon";

    /// <summary>Where the SQLite ledger and the generated signing key live.</summary>
    public string DataDirectory { get; set; } = ".radanon/data";

    /// <summary>When set, the ledger is PostgreSQL (shared by replicas) instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>PEM file of the ECDSA P-256 report-signing key; generated on first run. Default: DataDirectory/signing-key.pem.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// A file holding the 32-byte secret behind the keyed input hash in reports and the owner ids in the ledger (generated,
    /// 0600, when absent). Default: none, the secret is derived from the signing key with HKDF, so replicas that share the
    /// signing key agree.
    /// </summary>
    public string? ReportKeyPath { get; set; }

    /// <summary>A file holding the project pseudonym key. Without one, every request uses a fresh random key.</summary>
    public string? PseudonymKeyFile { get; set; }

    /// <summary>A user profile configuration file (base, options, per-tag overrides), as for the CLI's --config.</summary>
    public string? ProfilesFile { get; set; }

    /// <summary>Tesseract's language data folder; default TESSDATA_PREFIX or Debian's location.</summary>
    public string? TessdataPath { get; set; }

    /// <summary>The learned text detector's model file; default as tools/install-text-model.sh installs it (see TextModelFile).</summary>
    public string? TextModelPath { get; set; }

    /// <summary>Where batch uploads are spooled (AES-GCM encrypted, deleted after the request); default the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    public LimitSettings Limits { get; set; } = new();

    public SecuritySettings Security { get; set; } = new();
}

public sealed class LimitSettings
{
    /// <summary>Largest accepted request body (default 512 MiB).</summary>
    public long MaxRequestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest decoded image, width × height of one frame (default 200 megapixels).</summary>
    public long MaxPixels { get; set; } = 200_000_000;

    /// <summary>Most frames of one DICOM object cleaned per request (default 2000).</summary>
    public int MaxFrames { get; set; } = 2000;

    /// <summary>Deepest DICOM sequence nesting read (default 64); deeper input is refused, never recursed into.</summary>
    public int MaxNestingDepth { get; set; } = 64;

    /// <summary>Most DICOM elements in one file, counting those inside sequence items (default 2,000,000).</summary>
    public int MaxElements { get; set; } = 2_000_000;

    /// <summary>Largest size a deflated DICOM dataset may inflate to (default 1 GiB).</summary>
    public long MaxInflatedBytes { get; set; } = 1L << 30;

    /// <summary>Pixel jobs run at once; 0 means the processor count.</summary>
    public int MaxConcurrentPixelJobs { get; set; }

    /// <summary>How long a request waits for a pixel worker before 503 with Retry-After.</summary>
    public double QueueTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Most image bytes buffered in memory across all uploads in flight; past it a request gets 503 with Retry-After.
    /// 0 means MaxRequestBytes × (pixel workers + 1): enough to keep every worker fed with one upload waiting.
    /// </summary>
    public long MaxBufferedUploadBytes { get; set; }

    /// <summary>Slowest request body accepted, in bytes per second after a grace period (slow-drip uploads); 0 disables.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>The grace period before <see cref="MinRequestBodyBytesPerSecond"/> applies.</summary>
    public double MinRequestBodyGraceSeconds { get; set; } = 10;

    public long EffectiveMaxBufferedUploadBytes => MaxBufferedUploadBytes > 0 ? MaxBufferedUploadBytes : MaxRequestBytes * (EffectiveConcurrency + 1);

    /// <summary>Largest options JSON (form field or query) accepted.</summary>
    public int MaxOptionsBytes { get; set; } = 64 * 1024;

    /// <summary>Largest batch ZIP body (default 4 GiB).</summary>
    public long MaxBatchBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most entries (files and folders) in a batch ZIP.</summary>
    public int MaxBatchEntries { get; set; } = 10_000;

    /// <summary>Largest uncompressed entry in a batch, declared and actually inflated; 0 means MaxRequestBytes.</summary>
    public long MaxEntryBytes { get; set; }

    /// <summary>Largest sum of the entries' declared uncompressed sizes (default 16 GiB).</summary>
    public long MaxBatchUncompressedBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of a batch entry of 1 MiB or more (ZIP bombs).</summary>
    public double MaxCompressionRatio { get; set; } = 100;

    public BatchLimits BatchLimits => new()
    {
        MaxEntries = MaxBatchEntries,
        MaxEntryBytes = MaxEntryBytes > 0 ? MaxEntryBytes : MaxRequestBytes,
        MaxTotalUncompressedBytes = MaxBatchUncompressedBytes,
        MaxCompressionRatio = MaxCompressionRatio,
    };

    public int EffectiveConcurrency => MaxConcurrentPixelJobs > 0 ? MaxConcurrentPixelJobs : Environment.ProcessorCount;

    /// <summary>The engine's view of these limits; the DICOM reader's pixel-data ceiling follows the request size.</summary>
    public AnonymizerLimits ToAnonymizerLimits() => new()
    {
        MaxPixels = MaxPixels,
        MaxFrames = MaxFrames,
        Reading = new DicomReadOptions
        {
            MaxNestingDepth = MaxNestingDepth,
            MaxElements = MaxElements,
            MaxInflatedBytes = MaxInflatedBytes,
            MaxPixelDataBytes = Math.Max(MaxRequestBytes, MaxInflatedBytes),
        },
    };
}

public sealed class SecuritySettings
{
    /// <summary>SHA-256 hex digests of accepted API keys. Empty: no key is required.</summary>
    public IList<string> ApiKeySha256 { get; } = [];

    /// <summary>
    /// SHA-256 hex digests of admin keys: accepted like <see cref="ApiKeySha256"/>, and they may search every report by
    /// hash (other keys find only the reports they created).
    /// </summary>
    public IList<string> AdminKeySha256 { get; } = [];

    /// <summary>Requests per minute per API key (or per client address when keys are off); 0 disables.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Failed API-key attempts per minute per client address before 429 (key mode); 0 disables.</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 10;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For is believed (so the per-client limit sees the client,
    /// not the proxy). Empty: forwarded headers are ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Origins allowed by CORS; empty (the default) turns CORS off.</summary>
    public IList<string> CorsOrigins { get; } = [];
}
