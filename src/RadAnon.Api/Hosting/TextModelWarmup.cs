using System.Diagnostics;
using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Api.Hosting;

/// <summary>
/// Loads the learned text detector and runs it once at its largest pass before the first request, so no request pays
/// for the model's loading and ONNX Runtime's working memory, which is then allocated once per process. A missing model
/// does not stop the service: pixel cleaning fails closed per request and readiness says so.
/// </summary>
internal sealed class TextModelWarmup(LazyTextDetector detector, ILogger<TextModelWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            detector.Warm();
            Log.TextModelWarmed(logger, clock.ElapsedMilliseconds);
        }
        catch (TextModelUnavailableException ex)
        {
            Log.TextModelUnavailable(logger, ex.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
