using System.Threading.Channels;

namespace DirectPay;

/// <summary>
/// A background loop's wake-up call: signals made while it works collapse into one, and a wait ends at the first
/// signal or after the timeout, whichever comes first.
/// </summary>
public sealed class Wakeup
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signals.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.WaitToReadAsync(timer.Token);
            _signals.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the timeout passed without a signal
        }
    }
}
