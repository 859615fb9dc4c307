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

        Console.Error.WriteLine(Usage);
        return Task.FromResult(ExitCodes.Usage);
    }

    public const string Usage = """
        usage: radanon dicom dump FILE
               radanon dicom decode FILE -o OUT.npy [--frame N]
        """;
}
