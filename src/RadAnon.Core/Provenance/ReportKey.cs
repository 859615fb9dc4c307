using System.Security.Cryptography;

namespace RadAnon.Core.Provenance;

/// <summary>
/// The per-deployment secret behind the keyed input hash of every report (issue 20, finding 2). A report carries
/// HMAC-SHA256(secret, input) instead of the input's plain SHA-256, so whoever holds a candidate original cannot confirm
/// it against a published report; "this output came from that input" can only be checked by the server. The secret
/// is derived from the signing key (so replicas sharing it agree) or lives in its own 0600 file; it never leaves the process.
/// </summary>
public sealed class ReportKey
{
    private readonly byte[] _secret;

    private ReportKey(byte[] secret, bool ephemeral)
    {
        _secret = secret;
        IsEphemeral = ephemeral;
        KeyId = ephemeral ? "ephemeral" : Convert.ToHexStringLower(HMACSHA256.HashData(secret, "radanon report key id"u8))[..12];
    }

    /// <summary>The first 12 hex digits of an HMAC of a fixed label under the secret ("ephemeral" for a process-only key).</summary>
    public string KeyId { get; }

    /// <summary>A key for this process only (the CLI, tests): its hashes match nothing after the process ends.</summary>
    public bool IsEphemeral { get; }

    public static ReportKey CreateEphemeral() => new(RandomNumberGenerator.GetBytes(32), ephemeral: true);

    /// <summary>A key from a secret the host already keeps (e.g. <see cref="ReportSigner.DeriveSecret"/>), at least 32 bytes.</summary>
    public static ReportKey FromSecret(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length >= 32 ? new ReportKey(secret, ephemeral: false) : throw new ArgumentException("a report key is at least 32 bytes", nameof(secret));
    }

    /// <summary>Loads the 32-byte secret from <paramref name="path"/>, creating it (0600, directory 0700) when absent.</summary>
    public static ReportKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            OwnerOnlyFiles.Restrict(path);
            var secret = File.ReadAllBytes(path);
            return secret.Length >= 32 ? new ReportKey(secret, ephemeral: false) : throw new InvalidOperationException($"the report key in {path} is shorter than 32 bytes");
        }

        OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fresh = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        OwnerOnlyFiles.EnsureFile(temp);
        File.WriteAllBytes(temp, fresh);
        File.Move(temp, path, overwrite: false);
        return new ReportKey(fresh, ephemeral: false);
    }

    /// <summary>HMAC-SHA256 of the input under the secret, as 64 hex digits.</summary>
    public string HashInput(ReadOnlySpan<byte> input) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, input));

    /// <summary>A keyed 16-hex-digit label of a string read from a file, in its own domain (never the string itself).</summary>
    public string Label(string domain, string value)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(value);
        var message = System.Text.Encoding.UTF8.GetBytes(domain + "\n" + value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, message))[..16];
    }
}
