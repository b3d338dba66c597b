using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace DirectPay.Tests.ServiceDefaults;

public class LatestHealthReportTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Unhealthy_until_the_first_report()
    {
        Assert.Equal(HealthStatus.Unhealthy, new LatestHealthReport(_clock).Status());
    }

    [Theory]
    [InlineData(HealthStatus.Healthy)]
    [InlineData(HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy)]
    public async Task The_latest_report_decides(HealthStatus status)
    {
        var latest = new LatestHealthReport(_clock);
        await latest.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);
        await latest.PublishAsync(Report(status), CancellationToken.None);
        Assert.Equal(status, latest.Status());
    }

    [Fact]
    public async Task A_report_the_checks_have_not_renewed_for_too_long_is_unhealthy()
    {
        var latest = new LatestHealthReport(_clock);
        await latest.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);

        _clock.Advance(LatestHealthReport.StaleAfter);
        Assert.Equal(HealthStatus.Healthy, latest.Status());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Unhealthy, latest.Status());
        await latest.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, latest.Status());
    }

    private static HealthReport Report(HealthStatus status) =>
        new(new Dictionary<string, HealthReportEntry> { ["database"] = new(status, null, TimeSpan.Zero, null, null) }, TimeSpan.Zero);
}
