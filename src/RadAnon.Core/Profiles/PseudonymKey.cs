using System.Security.Cryptography;
using System.Text;

namespace RadAnon.Core.Profiles;

/// <summary>
/// The secret behind every pseudonym: UIDs, date shifts and dummy names are HMAC-SHA256 of the original
/// under this key, so any replica or batch holding the same key maps the same input to the same output,
/// and without it nothing links. <see cref="ToString"/> never shows the key, and nothing writes it.
/// </summary>
public sealed class PseudonymKey
{
    private readonly byte[] _key;

    private PseudonymKey(byte[] key, bool isEphemeral)
    {
        _key = key;
        IsEphemeral = isEphemeral;
    }

    /// <summary>True for a fresh random key made for one request: its results cannot be linked to any other.</summary>
    public bool IsEphemeral { get; }

    /// <summary>A fresh random 256-bit key, used when no project key is configured.</summary>
    public static PseudonymKey CreateEphemeral() => new(RandomNumberGenerator.GetBytes(32), isEphemeral: true);

    /// <summary>A project key from raw bytes; at least 16 bytes.</summary>
    public static PseudonymKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException($"a pseudonym key needs at least 16 bytes; got {key.Length}", nameof(key));
        }

        return new PseudonymKey(key.ToArray(), isEphemeral: false);
    }

    /// <summary>A project key from a passphrase or key-file text (surrounding whitespace ignored); at least 16 characters.</summary>
    public static PseudonymKey FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Encoding.UTF8.GetBytes(text.Trim()));
    }

    /// <summary>HMAC-SHA256 of a domain label and a value: the domain keeps UID, date and name pseudonyms independent.</summary>
    internal byte[] Mac(string domain, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(domain + "\0" + value);
        return HMACSHA256.HashData(_key, bytes);
    }

    /// <summary>A key fingerprint safe to report: HMAC of a fixed label, 8 hex digits; null for an ephemeral key.</summary>
    public string? Fingerprint => IsEphemeral ? null : Convert.ToHexStringLower(Mac("fingerprint", "radanon"))[..8];

    public override string ToString() => IsEphemeral ? "PseudonymKey(ephemeral)" : "PseudonymKey(project)";
}
