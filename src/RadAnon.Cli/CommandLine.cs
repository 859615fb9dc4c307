namespace RadAnon.Cli;

/// <summary>Dispatches `radanon` sub-commands. Exit codes are part of the interface and stay stable.</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 2 && args[0] == "dicom")
        {
            return Task.FromResult(DicomCommands.Run(args[1], args[2..]));
        }

        if (args.Length >= 1 && args[0] is "anonymize" or "anonymise")
        {
            return Task.FromResult(AnonymizeCommand.Run(args[1..]));
        }

        if (args.Length >= 1 && args[0] == "ledger")
        {
            return LedgerCommand.RunAsync(args[1..]);
        }

        Console.Error.WriteLine(Usage);
        return Task.FromResult(ExitCodes.Usage);
    }

    public const string Usage = """
        usage: radanon dicom dump FILE
               radanon dicom decode FILE -o OUT.npy [--frame N]
               radanon anonymize INPUT... -o OUTDIR [--jobs N] [--profile foamed|basic|research|NAME] [--config PROFILES.json]
                                 [--key KEYFILE] [--format same|dicom|png|jpeg|png16] [--redact blur|fill]
                                 [--markers keep|remove] [--text all|identifying] [--regions FILE.json] [--force]
                                 [--burn-overlays] [--durable] [--timings]
                                 [--server URL [--api-key KEY]]   (with --server, the server's key and profiles
                                 are used: --key and --config are refused)
               radanon ledger verify [--data-dir DIR] [--postgres CONNECTION] [--signing-key PEM]
        """;
}
