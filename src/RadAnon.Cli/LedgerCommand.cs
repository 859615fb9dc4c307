using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Cli;

/// <summary>
/// `radanon ledger verify`: walks the whole provenance ledger and checks every hash-chain link, report hash and
/// signature. Defaults match the service's embedded set-up (.radanon/data).
/// </summary>
internal static class LedgerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = ".radanon/data";
        string? postgres = Environment.GetEnvironmentVariable("RadAnon__PostgresConnectionString");
        string? keyPath = null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data-dir" when value is not null: dataDirectory = value; i++; break;
                case "--postgres" when value is not null: postgres = value; i++; break;
                case "--signing-key" when value is not null: keyPath = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"radanon ledger verify: unknown or incomplete option {args[i]}\n{CommandLine.Usage}").ConfigureAwait(false);
                    return ExitCodes.Usage;
            }
        }

        keyPath ??= Path.Combine(dataDirectory, "signing-key.pem");
        if (!File.Exists(keyPath))
        {
            await Console.Error.WriteLineAsync($"radanon ledger verify: no signing key at {keyPath} (use --signing-key)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (string.IsNullOrWhiteSpace(postgres) && !File.Exists(Path.Combine(dataDirectory, "ledger.db")))
        {
            await Console.Error.WriteLineAsync($"radanon ledger verify: no ledger at {Path.Combine(dataDirectory, "ledger.db")} (use --data-dir or --postgres)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var signer = ReportSigner.LoadOrCreate(keyPath);
        await using var ledger = LedgerFactory.Create(postgres, dataDirectory, signer);
        try
        {
            var result = await LedgerVerifier.VerifyAsync(ledger, signer, CancellationToken.None).ConfigureAwait(false);
            if (result.Valid)
            {
                Console.WriteLine($"ledger ({ledger.Provider}) valid: {result.Entries} entries, chain and signatures verified with key {signer.KeyId}");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"ledger ({ledger.Provider}) INVALID at entry {result.FirstBrokenSequence}: {result.Problem}").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }
        catch (LedgerUnavailableException ex)
        {
            await Console.Error.WriteLineAsync("radanon ledger verify: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }
    }
}
