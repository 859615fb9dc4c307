using RadAnon.Api.Problems;

namespace RadAnon.Api.Hosting;

/// <summary>
/// Bounds the pixel jobs running at once, so memory stays bounded under load: a request that cannot get a
/// worker within the queue timeout gets 503 with Retry-After instead of piling up.
/// </summary>
public sealed class PixelJobGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _queueTimeout;

    public PixelJobGate(int concurrency, TimeSpan queueTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _queueTimeout = queueTimeout;
    }

    /// <summary>Runs <paramref name="job"/> on a worker thread once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> job, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiProblemException(ProblemTypes.Busy, "every pixel worker is busy; retry after the indicated delay", TimeSpan.FromSeconds(5));
        }

        try
        {
            return await Task.Run(job, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
