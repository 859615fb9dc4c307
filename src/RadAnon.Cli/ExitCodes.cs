namespace RadAnon.Cli;

/// <summary>The CLI's exit codes; scripts and external checks depend on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int SomeFailed = 1;
    public const int Usage = 2;
    public const int MalformedInput = 3;
    public const int UnsupportedEncoding = 4;
}
