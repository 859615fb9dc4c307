using System.Globalization;
using System.Text.Json;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Json;

/// <summary>
/// Writes a dataset as the DICOM JSON Model (PS3.18 Annex F). Binary values larger than
/// <see cref="BulkDataThreshold"/> become a BulkDataURI placeholder; smaller ones are InlineBinary.
/// </summary>
public sealed class DicomJsonWriter
{
    public int BulkDataThreshold { get; init; } = 1024;

    public void Write(Utf8JsonWriter writer, DicomDataset dataset) => WriteDataset(writer, dataset, "");

    public string ToJson(DicomDataset dataset, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, dataset);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteDataset(Utf8JsonWriter writer, DicomDataset dataset, string path)
    {
        writer.WriteStartObject();
        foreach (var element in dataset)
        {
            var key = element.Tag.ToJsonKey();
            writer.WritePropertyName(key);
            writer.WriteStartObject();
            writer.WriteString("vr", element.VR.ToString());
            switch (element)
            {
                case DicomSequence sequence:
                    WriteSequence(writer, sequence, path + key);
                    break;
                case DicomFragments fragments:
                    writer.WriteString("BulkDataURI", BulkUri(path + key, fragments.Fragments.Sum(f => (long)f.Length)));
                    break;
                case DicomValueElement value:
                    WriteValue(writer, dataset, value, path + key);
                    break;
                default:
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void WriteSequence(Utf8JsonWriter writer, DicomSequence sequence, string path)
    {
        if (sequence.Items.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("Value");
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            WriteDataset(writer, sequence.Items[i], path + "/" + i.ToString(CultureInfo.InvariantCulture) + "/");
        }

        writer.WriteEndArray();
    }

    private void WriteValue(Utf8JsonWriter writer, DicomDataset dataset, DicomValueElement element, string path)
    {
        if (element.Length == 0)
        {
            return;
        }

        var vr = element.VR;
        if (vr.IsBulk())
        {
            if (element.Length > BulkDataThreshold)
            {
                writer.WriteString("BulkDataURI", BulkUri(path, element.Length));
            }
            else
            {
                writer.WriteBase64String("InlineBinary", element.Data.Span);
            }

            return;
        }

        var values = dataset.GetStrings(element.Tag);
        writer.WriteStartArray("Value");
        foreach (var v in values)
        {
            WriteOne(writer, vr, v);
        }

        writer.WriteEndArray();
    }

    private static void WriteOne(Utf8JsonWriter writer, DicomVR vr, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNullValue();
            return;
        }

        switch (vr)
        {
            case DicomVR.PN:
                writer.WriteStartObject();
                var groups = value.Split('=');
                string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
                for (var g = 0; g < groups.Length && g < 3; g++)
                {
                    if (groups[g].Length > 0)
                    {
                        writer.WriteString(names[g], groups[g]);
                    }
                }

                writer.WriteEndObject();
                break;
            case DicomVR.IS when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                writer.WriteNumberValue(i);
                break;
            case DicomVR.DS when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case DicomVR.US or DicomVR.UL or DicomVR.UV:
                writer.WriteNumberValue(ulong.Parse(value, CultureInfo.InvariantCulture));
                break;
            case DicomVR.SS or DicomVR.SL or DicomVR.SV:
                writer.WriteNumberValue(long.Parse(value, CultureInfo.InvariantCulture));
                break;
            case DicomVR.FL or DicomVR.FD:
                var number = double.Parse(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(value);
                }

                break;
            default:
                writer.WriteStringValue(value);
                break;
        }
    }

    private static string BulkUri(string path, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bulkdata:{path}?length={length}");
}
