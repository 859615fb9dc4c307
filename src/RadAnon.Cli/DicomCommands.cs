using System.Text;
using RadAnon.Dicom;
using RadAnon.Dicom.Json;

namespace RadAnon.Cli;

/// <summary>`radanon dicom ...`: toolkit commands that external checks rely on.</summary>
internal static class DicomCommands
{
    public static int Run(string verb, string[] args)
    {
        try
        {
            return verb switch
            {
                "dump" when args.Length == 1 => Dump(args[0]),
                "decode" => DecodeCommand.Run(args),
                _ => Usage(),
            };
        }
        catch (InvalidDicomException ex)
        {
            Console.Error.WriteLine("malformed: " + ex.Message);
            return ExitCodes.MalformedInput;
        }
        catch (UnsupportedTransferSyntaxException ex)
        {
            Console.Error.WriteLine("unsupported: " + ex.Message);
            return ExitCodes.UnsupportedEncoding;
        }
        catch (UnsupportedPixelDataException ex)
        {
            Console.Error.WriteLine("unsupported: " + ex.Message);
            return ExitCodes.UnsupportedEncoding;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine("not found: " + ex.FileName);
            return ExitCodes.Usage;
        }
    }

    private static int Dump(string path)
    {
        using var file = DicomFile.Open(path, new Dicom.Reading.DicomReadOptions { LazyPixelData = true });
        var json = new DicomJsonWriter().ToJson(file.Dataset);
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.UTF8.GetBytes(json));
        stdout.WriteByte((byte)'\n');
        return ExitCodes.Success;
    }

    private static int Usage()
    {
        Console.Error.WriteLine(CommandLine.Usage);
        return ExitCodes.Usage;
    }
}
