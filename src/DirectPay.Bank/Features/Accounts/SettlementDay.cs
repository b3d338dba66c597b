using DirectPay.Bank.Data;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Bank.Features.Accounts;

/// <summary>
/// GET /accounts/settlement/days/{date}: DirectPay's settlement account on one banking date, as a bank's balance report
/// gives it: the opening and closing balances, the credits and debits booked that day, and whether the day is final
/// (processing has passed its end, so nothing more will be booked on it).
/// </summary>
public static class SettlementDay
{
    public static void MapSettlementDay(this IEndpointRouteBuilder accounts) =>
        accounts.MapGet("/settlement/days/{date}", async (DateOnly date, BankDb db, IOptions<BankOptions> options, CancellationToken ct) =>
        {
            var (routing, number) = (options.Value.Routing, options.Value.Customer.SettlementAccount);
            // How far processing has come, read first: every posting of a day that ended by then is committed.
            var through = await db.ProcessingState.AsNoTracking().Select(s => s.ProcessedThrough).SingleAsync(ct);
            var postings = db.Postings.AsNoTracking().Where(p => p.RoutingNumber == routing && p.AccountNumber == number);
            var opening = await postings.Where(p => p.BookedOn < date).SumAsync(p => (decimal?)p.Amount, ct) ?? 0m;
            var day = await postings.Where(p => p.BookedOn == date).GroupBy(_ => 1)
                .Select(g => new { Credits = g.Where(p => p.Amount > 0).Sum(p => p.Amount), Debits = -g.Where(p => p.Amount < 0).Sum(p => p.Amount) })
                .SingleOrDefaultAsync(ct);
            var (credits, debits) = (day?.Credits ?? 0m, day?.Debits ?? 0m);
            return TypedResults.Ok(new SettlementAccountDay(date, opening, credits, debits, opening + credits - debits,
                through >= FedCalendar.At(date.AddDays(1), TimeOnly.MinValue)));
        });
}
