using DirectPay.Api.Infrastructure;

namespace DirectPay.Api.Features.Stats;

public static class StatsApi
{
    public static RouteGroupBuilder MapStats(this RouteGroupBuilder api)
    {
        var stats = api.MapGroup("/").WithTags("Stats").ProducesProblem(StatusCodes.Status401Unauthorized);
        stats.MapGet("/landlords/{id:guid}/stats", LandlordStats.Handle)
            .WithSummary("A landlord's rent: collected this month, outstanding, on-time rate, by rail (the landlord or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        stats.MapGet("/admin/stats", PlatformStats.Handle).RequireAuthorization(Policies.AdminOnly)
            .WithSummary("DirectPay as a whole: payments by status, money by rail, collected this month (admin)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>The current month, from the clock: [first day, first day of next month).</summary>
    internal static (DateTimeOffset From, DateTimeOffset To, string Name) ThisMonth(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var from = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (from, from.AddMonths(1), $"{now:yyyy-MM}");
    }
}
