using DirectPay.Banking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace DirectPay.Tests.Banking;

/// <summary>The compressed calendar: banking time runs faster than real time from an epoch all services share.</summary>
public class BankingClockTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static BankingClock Clock(FakeTimeProvider real, params (string Key, string Value)[] settings) =>
        BankingClock.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), real);

    [Fact]
    public void With_no_settings_it_is_the_real_clock()
    {
        var real = new FakeTimeProvider(Epoch.AddHours(3));

        var clock = Clock(real);

        Assert.Equal(real.GetUtcNow(), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(2), clock.RealDelayUntil(Epoch.AddHours(5)));
    }

    [Fact]
    public void The_demo_speed_passes_a_banking_day_in_two_minutes_from_the_shared_epoch()
    {
        var real = new FakeTimeProvider(Epoch);
        var clock = Clock(real, ("Banking:Calendar:Speed", "720"), ("Banking:Calendar:Epoch", Epoch.ToString("O")));

        real.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(Epoch.AddDays(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(5), clock.RealDelayUntil(Epoch.AddDays(1).AddHours(1)));
        Assert.Equal(TimeSpan.Zero, clock.RealDelayUntil(Epoch));
    }

    [Fact]
    public void The_time_scale_compresses_it_further_and_two_services_agree()
    {
        var real = new FakeTimeProvider(Epoch.AddSeconds(1));
        (string, string)[] settings = [("Banking:Calendar:Speed", "720"), ("Banking:Calendar:Epoch", Epoch.ToString("O")), ("DirectPay:TimeScale", "0.001")];

        var (bank, worker) = (Clock(real, settings), Clock(real, settings));

        Assert.Equal(Epoch.AddSeconds(720_000), bank.GetUtcNow());
        Assert.Equal(bank.GetUtcNow(), worker.GetUtcNow());
    }

    [Theory]
    [InlineData("720", null, "Epoch")]
    [InlineData("0.5", "2026-12-01T14:00:00Z", "slower")]
    public void A_compressed_calendar_without_an_epoch_or_a_slowed_one_is_refused(string speed, string? epoch, string message)
    {
        var settings = new List<(string, string)> { ("Banking:Calendar:Speed", speed) };
        if (epoch is not null) settings.Add(("Banking:Calendar:Epoch", epoch));

        var error = Assert.Throws<InvalidOperationException>(() => Clock(new FakeTimeProvider(Epoch), [.. settings]));

        Assert.Contains(message, error.Message);
    }
}
