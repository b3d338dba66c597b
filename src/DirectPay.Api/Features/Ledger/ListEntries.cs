using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Ledger;

public static class ListEntries
{
    /// <param name="Amount">Positive: money into the account; negative: money out of it.</param>
    public sealed record Entry(long Id, Guid TransactionId, decimal Amount, string SourceType, Guid SourceId, string Description,
        DateTimeOffset CreatedAt);

    public sealed record Page(List<Entry> Items, int PageNumber, int PageSize, int TotalCount);

    internal static async Task<Results<Ok<Page>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct,
        [Range(1, 100_000)] int page = 1, [FromQuery(Name = "page_size"), Range(1, 100)] int pageSize = 20)
    {
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !caller.MayAccess(account.UserId)) return Problems.NotFound("bank account");

        var entries = db.LedgerEntries.AsNoTracking()
            .Where(e => db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == id));
        var items = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new Entry(e.Id, e.TransactionId, e.Amount, e.SourceType, e.SourceId, e.Description, e.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page(items, page, pageSize, await entries.CountAsync(ct)));
    }
}
