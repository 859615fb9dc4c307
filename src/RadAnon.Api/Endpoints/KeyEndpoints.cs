using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Core.Provenance;

namespace RadAnon.Api.Endpoints;

/// <summary>GET /api/v1/keys: the public key that signs reports (JWK set and PEM), so anyone can check a signature.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/keys").WithTags("Keys")
            .MapGet("/", Keys).WithName("SigningKeys").WithSummary("The report-signing public key (ES256) as a JWK set, with its PEM");
        return routes;
    }

    private static Ok<KeySet> Keys(ReportSigner signer) =>
        TypedResults.Ok(new KeySet([signer.PublicJwk], signer.KeyId, signer.PublicKeyPem));
}

public sealed record KeySet(IReadOnlyList<IReadOnlyDictionary<string, string>> Keys, string ActiveKeyId, string PublicKeyPem);
