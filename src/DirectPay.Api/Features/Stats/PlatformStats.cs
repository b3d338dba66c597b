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
        var roles = await db.Users.AsNoTracking().GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        return TypedResults.Ok(new Response(month,
            Enum.GetValues<PaymentStatus>().ToDictionary(s => SnakeCaseEnum<PaymentStatus>.ToText[s], s => byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0),
            await db.Settled().ByRailAsync(ct),
            await db.Settled().CollectedAsync(from, to, ct),
            roles.FirstOrDefault(r => r.Key == UserRole.Landlord)?.Count ?? 0,
            roles.FirstOrDefault(r => r.Key == UserRole.Renter)?.Count ?? 0));
    }
}
