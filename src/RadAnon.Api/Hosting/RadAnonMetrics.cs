using System.Diagnostics.Metrics;

namespace RadAnon.Api.Hosting;

/// <summary>The service's own metrics (exported at /metrics with the ASP.NET Core ones): counts and durations only.</summary>
public sealed class RadAnonMetrics
{
    public const string MeterName = "RadAnon";

    private readonly Counter<long> _outputs;
    private readonly Counter<long> _regions;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _duration;

    public RadAnonMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _outputs = meter.CreateCounter<long>("radanon.outputs", description: "Anonymized outputs returned, by input kind");
        _regions = meter.CreateCounter<long>("radanon.regions.redacted", description: "Burned-in text regions redacted");
        _refusals = meter.CreateCounter<long>("radanon.refusals", description: "Requests refused, by problem type");
        _duration = meter.CreateHistogram<double>("radanon.pipeline.duration", unit: "ms", description: "Pipeline time per image");
    }

    public void Output(string kind, int redactedRegions, double milliseconds)
    {
        _outputs.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _regions.Add(redactedRegions);
        _duration.Record(milliseconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Refused(string problemType) => _refusals.Add(1, new KeyValuePair<string, object?>("type", problemType));
}
