using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Stats;

public static class PlatformStats
{
    public sealed record Response(string Month, Dictionary<string, int> PaymentsByStatus, List<LandlordStats.RailFigures> SettledByRail,
        decimal CollectedThisMonth, int Landlords, int Renters);

    internal static async Task<Ok<Response>> Handle(DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var (from, to, month) = StatsApi.ThisMonth(clock);
        var byStatus = await db.Payments.AsNoTracking().GroupBy(p => p.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var settled = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Completed || p.Status == PaymentStatus.Refunded);
        var byRail = await settled.GroupBy(p => p.Rail).Select(g => new LandlordStats.RailFigures(g.Key, g.Count(), g.Sum(p => p.Amount)))
            .ToListAsync(ct);
        var collected = await settled.Where(p => p.CompletedAt >= from && p.CompletedAt < to)
            .SumAsync(p => (decimal?)(p.Amount - p.RefundedAmount), ct) ?? 0;
        var roles = await db.Users.AsNoTracking().GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        return TypedResults.Ok(new Response(month,
            Enum.GetValues<PaymentStatus>().ToDictionary(s => SnakeCaseEnum<PaymentStatus>.ToText[s], s => byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0),
            byRail.OrderBy(r => r.PaymentRailType).Select(r => r with { Amount = Money.Normalize(r.Amount) }).ToList(),
            Money.Normalize(collected),
            roles.FirstOrDefault(r => r.Key == UserRole.Landlord)?.Count ?? 0,
            roles.FirstOrDefault(r => r.Key == UserRole.Renter)?.Count ?? 0));
    }
}
