using Microsoft.Extensions.Configuration;

namespace DirectPay.Banking;

/// <summary>
/// The clock the banking calendar runs on: cutoffs, settlement dates and return windows. In production it is the real
/// clock. The demo and the end-to-end tests run a compressed calendar: banking time passes <see cref="Speed"/> times
/// faster than real time from an epoch every service is given alike (the AppHost's start), so a banking day passes in
/// minutes and every service agrees what banking time it is without asking another.
/// </summary>
public sealed class BankingClock(TimeProvider real, DateTimeOffset epoch, double speed) : TimeProvider
{
    /// <summary>Banking:Calendar:Speed (1 is the real calendar; the demo's 720 passes a banking day in two minutes),
    /// divided by DirectPay:TimeScale, and Banking:Calendar:Epoch (required when the calendar is compressed).</summary>
    public static BankingClock FromConfiguration(IConfiguration configuration, TimeProvider real)
    {
        // A time scale of 0 asks for answers at once (the benchmarks); a calendar cannot pass infinitely fast, so it then
        // passes as fast as the smallest scale allows.
        var scale = Math.Max(configuration.GetValue("DirectPay:TimeScale", 1.0), SmallestTimeScale);
        var speed = configuration.GetValue("Banking:Calendar:Speed", 1.0) / scale;
        if (!(speed >= 1) || double.IsInfinity(speed)) throw new InvalidOperationException($"Banking:Calendar:Speed over DirectPay:TimeScale is {speed}: banking time never runs slower than real time.");
        if (speed == 1) return new BankingClock(real, real.GetUtcNow(), 1);
        var epoch = configuration.GetValue<DateTimeOffset?>("Banking:Calendar:Epoch")
            ?? throw new InvalidOperationException("A compressed banking calendar needs Banking:Calendar:Epoch, the same for every service.");
        return new BankingClock(real, epoch, speed);
    }

    public const double SmallestTimeScale = 0.0001;

    public double Speed => speed;

    public override DateTimeOffset GetUtcNow()
    {
        var now = real.GetUtcNow();
        return speed == 1 ? now : epoch + (now - epoch) * speed;
    }

    /// <summary>How long to wait, in real time, until the banking clock shows <paramref name="bankingTime"/> (zero if it has).</summary>
    public TimeSpan RealDelayUntil(DateTimeOffset bankingTime)
    {
        var ahead = bankingTime - GetUtcNow();
        return ahead <= TimeSpan.Zero ? TimeSpan.Zero : ahead / speed;
    }

    /// <summary>A span of banking time as real time: how long a banking hour lasts on this clock.</summary>
    public TimeSpan RealDuration(TimeSpan bankingDuration) => bankingDuration / speed;
}
