using System.Security.Cryptography;

namespace RadAnon.Core.Provenance;

/// <summary>
/// Signs reports with an ECDSA P-256 key (IEEE P1363 signatures, SHA-256). The private key lives in a PEM file
/// from configuration and is generated there on first run; only the public key is ever published.
/// </summary>
public sealed class ReportSigner : IDisposable
{
    private readonly ECDsa _key;

    private ReportSigner(ECDsa key)
    {
        _key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki))[..16];
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        var parameters = key.ExportParameters(includePrivateParameters: false);
        PublicJwk = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["alg"] = "ES256",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["x"] = Base64Url(parameters.Q.X!),
            ["y"] = Base64Url(parameters.Q.Y!),
        };
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo).</summary>
    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public IReadOnlyDictionary<string, string> PublicJwk { get; }

    /// <summary>Loads the key from <paramref name="pemPath"/>, creating it (owner-only permissions) when absent.</summary>
    public static ReportSigner LoadOrCreate(string pemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pemPath);
        var key = ECDsa.Create();
        if (File.Exists(pemPath))
        {
            OwnerOnlyFiles.Restrict(pemPath);
            key.ImportFromPem(File.ReadAllText(pemPath));
            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new InvalidOperationException($"the signing key in {pemPath} is not a P-256 key");
            }

            return new ReportSigner(key);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(pemPath))!);
        var temp = pemPath + ".tmp";
        // Created 0600 before the private key is written, so it is never readable by others, not even for a moment.
        OwnerOnlyFiles.EnsureFile(temp);
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());

        File.Move(temp, pemPath, overwrite: false);
        return new ReportSigner(key);
    }

    /// <summary>A signer with a fresh in-memory key (tests, or hosts that do not persist keys).</summary>
    public static ReportSigner CreateEphemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// A 32-byte secret for another purpose, derived from the private key with HKDF-SHA256 (distinct <paramref name="purpose"/>,
    /// distinct key): every replica sharing the signing key derives the same one, and nothing of the signing key is exposed.
    /// </summary>
    public byte[] DeriveSecret(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var d = _key.ExportParameters(includePrivateParameters: true).D!;
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, d, 32, salt: "radanon"u8.ToArray(), info: System.Text.Encoding.UTF8.GetBytes(purpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    public string Sign(ReadOnlySpan<byte> data) => Base64Url(_key.SignData(data, HashAlgorithmName.SHA256));

    public bool Verify(ReadOnlySpan<byte> data, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(FromBase64Url(signature));
        }
        catch (FormatException)
        {
            return false;
        }

        return _key.VerifyData(data, raw, HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key.Dispose();

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
