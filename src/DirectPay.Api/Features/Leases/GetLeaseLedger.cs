using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class GetLeaseLedger
{
    public enum PeriodStatus { Upcoming, Due, Late, PartlyPaid, Paid }

    /// <param name="Paid">What settled payments paid of the period's late fees and rent; a returned payment's part is owed again.</param>
    public sealed record ShareLine(Guid RenterId, decimal RentDue, decimal LateFee, DateTimeOffset? LateFeeChargedAt, decimal Paid,
        decimal Outstanding);

    public sealed record PeriodLine(string Period, DateOnly DueDate, PeriodStatus Status, decimal RentDue, decimal LateFees,
        decimal Paid, decimal Outstanding, List<ShareLine> Shares);

    public sealed record Totals(decimal RentDue, decimal LateFees, decimal Paid, decimal Outstanding);

    public sealed record Response(Guid LeaseId, DateOnly AsOf, List<PeriodLine> Periods, Totals Totals);

    /// <summary>Every period of the lease: rent due, late fees, paid and outstanding, and each renter's share of them.</summary>
    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var lease = await db.Leases.AsNoTracking().Include(l => l.Renters).Include(l => l.Dues).AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lease is null || !(caller.IsAdmin() || lease.IsPartyTo(caller.UserId()))) return Problems.NotFound("lease");

        var today = DueDates.Today(clock);
        var periods = lease.Dues.GroupBy(d => d.Period).OrderBy(g => g.Key).Select(g =>
        {
            var shares = g.OrderBy(d => d.RenterId != lease.RenterId).ThenBy(d => d.RenterId)
                .Select(d => new ShareLine(d.RenterId, d.Rent, d.LateFee, d.LateFeeChargedAt, d.Paid, d.Outstanding)).ToList();
            var dueDate = g.Min(d => d.DueDate);
            var line = new PeriodLine($"{g.Key:yyyy-MM}", dueDate, PeriodStatus.Upcoming, Sum(shares, s => s.RentDue),
                Sum(shares, s => s.LateFee), Sum(shares, s => s.Paid), Sum(shares, s => s.Outstanding), shares);
            return line with { Status = StatusOf(line, g.Any(d => d.IsLateOn(today)), today) };
        }).ToList();

        return TypedResults.Ok(new Response(lease.Id, today, periods, new Totals(Sum(periods, p => p.RentDue),
            Sum(periods, p => p.LateFees), Sum(periods, p => p.Paid), Sum(periods, p => p.Outstanding))));
    }

    private static PeriodStatus StatusOf(PeriodLine period, bool late, DateOnly today) =>
        period.Outstanding <= 0 ? PeriodStatus.Paid
        : period.Paid > 0 ? PeriodStatus.PartlyPaid
        : late ? PeriodStatus.Late
        : period.DueDate <= today ? PeriodStatus.Due
        : PeriodStatus.Upcoming;

    private static decimal Sum<T>(IEnumerable<T> lines, Func<T, decimal> amount) => Money.Normalize(lines.Sum(amount));
}
