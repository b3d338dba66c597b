using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Stats;

public static class LandlordStats
{
    public sealed record RailFigures(PaymentRail PaymentRailType, int Payments, decimal Amount);

    /// <param name="CollectedThisMonth">Settled this month, net of refunds; returned payments are not collected.</param>
    /// <param name="Outstanding">What the landlord's leases have due by today and unpaid: rent and late fees.</param>
    /// <param name="OnTimeRate">Settled payments that settled by their period's due date, as a share of all settled; null before any.</param>
    public sealed record Response(Guid LandlordId, string Month, decimal CollectedThisMonth, decimal Outstanding, double? OnTimeRate,
        List<RailFigures> ByRail);

    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!caller.MayAccess(id) || !await db.Users.AnyAsync(u => u.Id == id && u.Role == UserRole.Landlord, ct))
            return Problems.NotFound("landlord");

        var (from, to, month) = StatsApi.ThisMonth(clock);
        var today = DueDates.Today(clock);
        var settled = db.Settled().Where(p => p.PayeeId == id);
        var outstanding = await db.RentDues
            .Where(d => d.DueDate <= today && db.Leases.Any(l => l.Id == d.LeaseId && l.LandlordId == id))
            .SumAsync(d => (decimal?)(d.Rent + d.LateFee - d.FeePaid - d.RentPaid), ct) ?? 0;
        var settledDates = await settled.Select(p => new { p.CompletedAt, p.PeriodDueDate }).ToListAsync(ct);
        double? onTime = settledDates.Count == 0 ? null
            : settledDates.Count(p => DateOnly.FromDateTime(p.CompletedAt!.Value.UtcDateTime) <= p.PeriodDueDate) / (double)settledDates.Count;

        return TypedResults.Ok(new Response(id, month, await settled.CollectedAsync(from, to, ct), Money.Normalize(outstanding), onTime,
            await settled.ByRailAsync(ct)));
    }
}
