using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;

namespace RadAnon.Api.Endpoints;

/// <summary>GET /api/v1/profiles: the profiles this server knows, with options and the CID 7050 codes they write.</summary>
public static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/profiles").WithTags("Profiles")
            .MapGet("/", List).WithName("ListProfiles").WithSummary("Profiles with their options and codes");
        return routes;
    }

    private static Ok<ProfileDescription[]> List(ProfileConfiguration profiles) =>
        TypedResults.Ok(profiles.Profiles.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(Describe).ToArray());

    private static ProfileDescription Describe(DeidentificationProfile profile)
    {
        var options = Enum.GetValues<ProfileOption>().Where(o => o != ProfileOption.None && profile.Has(o)).Select(o => o.ToString()).ToArray();
        var codes = DeidentificationCodes.For(profile.Options).Select(c => new CodeDescription(c.Value, c.Scheme, c.Meaning)).ToArray();
        return new ProfileDescription(profile.Name, profile.Name == NamedProfiles.DefaultName, options, codes, profile.RemoveAllDates,
            profile.KeepPatientSex, profile.CoarsenAgeToDecade, profile.BurnOverlays, profile.Overrides.Count);
    }
}

public sealed record ProfileDescription(string Name, bool IsDefault, string[] Options, CodeDescription[] Codes, bool RemoveAllDates,
    bool KeepPatientSex, bool CoarsenAgeToDecade, bool BurnOverlays, int TagOverrides);

public sealed record CodeDescription(string Value, string Scheme, string Meaning);
