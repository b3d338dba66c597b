using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Payments whose money arrived: completed, or refunded since (returned ones came back and do not count).</summary>
    internal static IQueryable<Payment> Settled(this DirectPayDb db) => db.Payments.AsNoTracking()
        .Where(p => p.Status == PaymentStatus.Completed || p.Status == PaymentStatus.Refunded);

    /// <summary>What settled in the month, net of refunds.</summary>
    internal static async Task<decimal> CollectedAsync(this IQueryable<Payment> settled, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Money.Normalize(await settled.Where(p => p.CompletedAt >= from && p.CompletedAt < to)
            .SumAsync(p => (decimal?)(p.Amount - p.RefundedAmount), ct) ?? 0);

    internal static async Task<List<LandlordStats.RailFigures>> ByRailAsync(this IQueryable<Payment> settled, CancellationToken ct) =>
        (await settled.GroupBy(p => p.Rail).Select(g => new LandlordStats.RailFigures(g.Key, g.Count(), g.Sum(p => p.Amount))).ToListAsync(ct))
            .OrderBy(r => r.PaymentRailType).Select(r => r with { Amount = Money.Normalize(r.Amount) }).ToList();

    /// <summary>The current month, from the clock: [first day, first day of next month).</summary>
    internal static (DateTimeOffset From, DateTimeOffset To, string Name) ThisMonth(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var from = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (from, from.AddMonths(1), $"{now:yyyy-MM}");
    }
}
