using RadAnon.Core.Profiles;

namespace RadAnon.Api.Hosting;

/// <summary>
/// The project key when one is configured (pseudonyms then agree across requests and replicas), otherwise a fresh
/// random key per request so that nothing links two requests. The key itself is never logged or returned.
/// </summary>
public sealed class PseudonymKeySource
{
    private readonly PseudonymKey? _projectKey;

    public PseudonymKeySource(string? keyFile)
    {
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            if (!File.Exists(keyFile))
            {
                throw new InvalidOperationException($"RadAnon:PseudonymKeyFile points at {keyFile}, which does not exist");
            }

            _projectKey = PseudonymKey.FromText(File.ReadAllText(keyFile).Trim());
        }
    }

    public bool HasProjectKey => _projectKey is not null;

    /// <summary>The key for one request or one batch.</summary>
    public PseudonymKey ForRequest() => _projectKey ?? PseudonymKey.CreateEphemeral();
}
