using DirectPay.Bank.Data;
using DirectPay.Bank.Simulation;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Bank.Infrastructure;
using DirectPay.Banking.Nacha;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Bank.Features.Sandbox;

/// <summary>
/// POST /sandbox/postings: books what DirectPay's own simulator moved before the bank was its own service, each posting
/// once by its id (a second import of the same changes nothing), opening accounts it has not seen as a sandbox does.
/// </summary>
public static class ImportPostings
{
    public static void MapImportPostings(this IEndpointRouteBuilder sandbox) => sandbox.MapPost("/postings", HandleAsync);

    private static async Task<IResult> HandleAsync(List<ImportedPosting> postings, BankDb db, BankingClock clock, IOptions<BankOptions> options,
        CancellationToken ct)
    {
        for (var i = 0; i < postings.Count; i++)
        {
            var p = postings[i];
            if (!RoutingNumbers.IsValid(p.RoutingNumber ?? "") || p.AccountNumber is not { Length: >= 4 and <= 17 } number
                || number.AsSpan().ContainsAnyExceptInRange('0', '9') || decimal.Round(p.Amount, 2) != p.Amount || string.IsNullOrEmpty(p.Reference))
                return BankProblems.Unprocessable($"[{i}]", "a posting names a routing number, a 4 to 17 digit account, an amount in cents and a reference", "import");
            if (p.RoutingNumber == options.Value.Routing && number == options.Value.Customer.SettlementAccount)
                return BankProblems.Unprocessable($"[{i}]", "the settlement account's postings are the bank's own", "import");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM processing_state WHERE id = {ProcessingState.Singleton} FOR UPDATE", ct);
        var ids = postings.Select(p => p.Id).ToList();
        var held = (await db.Postings.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var books = new Books(db, options.Value, clock.GetUtcNow());
        var booked = 0;
        foreach (var p in postings.Where(p => held.Add(p.Id)))
        {
            books.Import(await books.AccountAsync(p.RoutingNumber, p.AccountNumber, ct), p.Id, p.Amount, p.BookedOn, p.Reference);
            booked++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new { booked });
    }
}
