using System.Globalization;

namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// The identifying facts a viewer shows, drawn from lists of obviously fake names (placeholders such as DOE, ROE,
/// MUSTERMANN, TESTPATIENT), fake institutions and fake referring doctors. Same random state, same facts.
/// </summary>
public sealed record FakePatient(string Family, string Given, string Id, DateTime Birth, DateTime Study, string Accession, string Institution, string Referrer)
{
    private static readonly string[] Families = ["DOE", "ROE", "TESTPATIENT", "MUSTERMANN", "BLOGGS", "PHANTOM", "EXAMPLE", "SAMPLE", "DUMMY", "PLACEHOLDER"];
    private static readonly string[] Givens = ["JANE", "JOHN", "ERIKA", "MAX", "JOE", "ALPHA", "BRAVO", "TESTY", "ANON", "DEMO"];
    private static readonly string[] Institutions = ["EXAMPLE GENERAL HOSPITAL", "Sample Clinic North", "TEST IMAGING CENTRE", "Demo University Hospital", "Fictional Medical Center"];
    private static readonly string[] Referrers = ["Dr. Placeholder", "Dr. FAKENAME", "Dr. Example", "DR TESTDOC", "Dr. Sample"];

    public static FakePatient Draw(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var study = new DateTime(2008 + rng.Next(17), 1 + rng.Next(12), 1 + rng.Next(28), rng.Next(24), rng.Next(60), rng.Next(60), DateTimeKind.Unspecified);
        return new FakePatient(
            Families[rng.Next(Families.Length)], Givens[rng.Next(Givens.Length)],
            rng.Next(1_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            new DateTime(1935 + rng.Next(80), 1 + rng.Next(12), 1 + rng.Next(28), 0, 0, 0, DateTimeKind.Unspecified),
            study, (rng.Next(2) == 0 ? "A" : "ACC") + rng.Next(100_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            Institutions[rng.Next(Institutions.Length)], Referrers[rng.Next(Referrers.Length)]);
    }

    public string Name(Random rng) => rng.Next(3) switch
    {
        0 => $"{Family}^{Given}",
        1 => $"{Title(Family)}, {Title(Given)}",
        _ => $"{Title(Given)} {Title(Family)}",
    };

    public static string Date(Random rng, DateTime d) => rng.Next(4) switch
    {
        0 => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        1 => d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
        2 => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => d.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture).ToUpperInvariant(),
    };

    public string Time(Random rng) => Study.ToString(rng.Next(2) == 0 ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);

    private static string Title(string s) => s[..1] + s[1..].ToLowerInvariant();
}
