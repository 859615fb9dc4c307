using RadAnon.Core.Ocr;
using RadAnon.Core.Tests.Pixels.Ultrasound;
using RadAnon.UltrasoundBench;

// Ultrasound burned-in text: what the engine does to each hand-annotated corpus file (testdata/ultrasound).
// Usage: RadAnon.UltrasoundBench ROOT CORPUS OUTDIR   (bench/text/ultrasound.sh passes them)
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: RadAnon.UltrasoundBench REPOSITORY_ROOT CORPUS_DIR PICTURE_DIR");
    return 2;
}

var (root, corpus, pictures) = (args[0], args[1], args[2]);
var annotations = UltrasoundAnnotations.Load(Path.Combine(root, "testdata", "ultrasound", "annotations.tsv"));
Directory.CreateDirectory(pictures);
using var ocr = new TesseractOcr();
var measurer = new UltrasoundMeasurer(ocr);
var results = new List<UltrasoundResult>();
Console.WriteLine("| file | frames | identifying removed | collateral % (worst frame) | protected pixels painted (all frames) | markers changed | regions redacted |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (path, boxes) in annotations)
{
    var run = measurer.Measure(path, Path.Combine(corpus, path), boxes);
    results.Add(run.Result);
    Console.WriteLine(Report.Row(run.Result));
    SideBySide.Write(run, boxes, Path.Combine(pictures, SideBySide.FileName(path)));
}

Console.WriteLine(Report.Totals(results));
return 0;
