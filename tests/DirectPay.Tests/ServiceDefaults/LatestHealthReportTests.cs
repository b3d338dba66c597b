using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DirectPay.Tests.ServiceDefaults;

public class LatestHealthReportTests
{
    private readonly Clock _clock = new();
    private readonly Checks _checks = new();

    [Fact]
    public void Unhealthy_until_the_first_round()
    {
        Assert.Equal(HealthStatus.Unhealthy, new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance).Status());
    }

    [Theory]
    [InlineData(HealthStatus.Healthy)]
    [InlineData(HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy)]
    public void The_latest_round_decides(HealthStatus status)
    {
        var latest = new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance);
        latest.Record(HealthStatus.Healthy);
        latest.Record(status);
        Assert.Equal(status, latest.Status());
    }

    [Fact]
    public void A_report_no_round_has_renewed_for_too_long_is_unhealthy()
    {
        var latest = new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance);
        latest.Record(HealthStatus.Healthy);

        _clock.Advance(LatestHealthReport.StaleAfter);
        Assert.Equal(HealthStatus.Healthy, latest.Status());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
        latest.Record(HealthStatus.Healthy);
        Assert.Equal(HealthStatus.Healthy, latest.Status());
    }

    [Fact]
    public void A_wall_clock_set_back_does_not_keep_an_old_report_fresh()
    {
        var latest = new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance);
        latest.Record(HealthStatus.Healthy);

        _clock.Advance(LatestHealthReport.StaleAfter + TimeSpan.FromMilliseconds(1));
        _clock.WallSetBack = TimeSpan.FromHours(1); // NTP steps the system clock back
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
    }

    [Fact]
    public Task Rounds_run_one_after_another_and_one_that_hangs_counts_as_unhealthy() => WhileRunningAsync(async latest =>
    {
        Assert.Equal(LatestHealthReport.Timeout, await _clock.NextTimerAsync()); // round 1's deadline
        (await _checks.NextCallAsync()).SetResult(HealthStatus.Healthy);
        Assert.Equal(LatestHealthReport.Period, await _clock.NextTimerAsync()); // the pause after round 1
        Assert.Equal(HealthStatus.Healthy, latest.Status());

        _clock.Advance(LatestHealthReport.Period);
        Assert.Equal(LatestHealthReport.Timeout, await _clock.NextTimerAsync());
        await _checks.NextCallAsync(); // round 2 never answers
        _clock.Advance(LatestHealthReport.Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _checks.Calls); // no round starts while one is still running
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(LatestHealthReport.Period, await _clock.NextTimerAsync()); // round 2 gave up
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
        Assert.Equal(2, _checks.Calls);

        _clock.Advance(LatestHealthReport.Period);
        Assert.Equal(LatestHealthReport.Timeout, await _clock.NextTimerAsync());
        (await _checks.NextCallAsync()).SetResult(HealthStatus.Healthy); // round 3: ready again
        Assert.Equal(LatestHealthReport.Period, await _clock.NextTimerAsync());
        Assert.Equal(HealthStatus.Healthy, latest.Status());
    });

    [Fact]
    public Task A_round_whose_checks_throw_is_unhealthy_and_the_rounds_go_on() => WhileRunningAsync(async latest =>
    {
        Assert.Equal(LatestHealthReport.Timeout, await _clock.NextTimerAsync());
        (await _checks.NextCallAsync()).SetResult(HealthStatus.Healthy);
        Assert.Equal(LatestHealthReport.Period, await _clock.NextTimerAsync());

        _clock.Advance(LatestHealthReport.Period);
        Assert.Equal(LatestHealthReport.Timeout, await _clock.NextTimerAsync());
        (await _checks.NextCallAsync()).SetException(new InvalidOperationException("a check's service could not be built"));
        Assert.Equal(LatestHealthReport.Period, await _clock.NextTimerAsync()); // the loop lives on
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
    });

    [Fact]
    public async Task Stopping_ends_a_round_that_hangs()
    {
        var latest = new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance);
        await latest.StartAsync(CancellationToken.None);
        await _checks.NextCallAsync(); // never answered, and the fake clock never reaches the round's deadline
        await latest.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
    }

    private async Task WhileRunningAsync(Func<LatestHealthReport, Task> steps)
    {
        var latest = new LatestHealthReport(_checks, _clock, NullLogger<LatestHealthReport>.Instance);
        await latest.StartAsync(CancellationToken.None);
        try
        {
            await steps(latest);
        }
        finally
        {
            await latest.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A fake clock that tells the test each timer the code under test sets, and for how long.</summary>
    private sealed class Clock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        /// <summary>How far the wall clock was set back; the monotonic timestamps go on.</summary>
        public TimeSpan WallSetBack { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - WallSetBack;

        public override long GetTimestamp() => base.GetUtcNow().Ticks; // FakeTimeProvider's counts ticks of its (wall) time

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task<TimeSpan> NextTimerAsync() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Checks whose every round waits for the test to answer it.</summary>
    private sealed class Checks : HealthCheckService
    {
        private readonly Channel<TaskCompletionSource<HealthStatus>> _calls = Channel.CreateUnbounded<TaskCompletionSource<HealthStatus>>();
        private int _count;

        public int Calls => Volatile.Read(ref _count);

        public override async Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            var answer = new TaskCompletionSource<HealthStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            _calls.Writer.TryWrite(answer);
            var status = await answer.Task.WaitAsync(cancellationToken);
            return new HealthReport(new Dictionary<string, HealthReportEntry> { ["database"] = new(status, null, TimeSpan.Zero, null, null) }, TimeSpan.Zero);
        }

        public async Task<TaskCompletionSource<HealthStatus>> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
