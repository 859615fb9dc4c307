using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RadAnon.Core;
using RadAnon.Core.Profiles;

namespace RadAnon.Cli.Batch;

/// <summary>
/// A hash of everything besides the input bytes that decides an output: the options, the profile definitions (the
/// --config file's bytes), the pseudonym key's fingerprint and where the work runs. Two runs with the same hash give
/// the same outputs, so a re-run may keep them. An ephemeral key (no --key) hashes a fresh random nonce: without a
/// project key nothing is kept, because pseudonyms from two random keys would split one study in two.
/// </summary>
internal static class BatchSettings
{
    public static string Hash(AnonymizeOptions options, string? configPath, PseudonymKey? key, Uri? server)
    {
        var text = new StringBuilder()
            .Append("profile=").Append(options.Profile)
            .Append(";format=").Append(options.Format)
            .Append(";redact=").Append(options.Redact)
            .Append(";markers=").Append(options.Markers)
            .Append(";text=").Append(options.Text)
            .Append(";force=").Append(options.Force)
            .Append(options.BurnOverlays ? ";burnOverlays=True" : string.Empty) // absent when off: earlier stamps stay current
            .Append(";add=").AppendJoin(',', options.AddRegions.Select(Box))
            .Append(";veto=").AppendJoin(',', options.VetoRegions.Select(Box))
            .Append(";config=").Append(configPath is null ? "default" : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(configPath))))
            .Append(";key=").Append(key switch
            {
                null => "server",
                { IsEphemeral: true } => "ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                _ => key.Fingerprint,
            })
            .Append(";server=").Append(server?.AbsoluteUri ?? "local")
            .Append(";software=").Append(typeof(Anonymizer).Assembly.GetName().Version)
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Box(Core.Pixels.Text.PixelBox b) => string.Create(CultureInfo.InvariantCulture, $"{b.X}:{b.Y}:{b.Width}:{b.Height}");
}
