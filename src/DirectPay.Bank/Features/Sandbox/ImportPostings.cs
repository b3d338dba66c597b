using DirectPay.Domain;
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

    private static async Task<IResult> HandleAsync(HttpRequest request, BankDb db, BankingClock clock, IOptions<BankOptions> options,
        CancellationToken ct)
    {
        var (postings, unread) = await JsonBody.ReadAsync<List<ImportedPosting?>>(request, ct);
        if (postings is null) return unread!; // the reader gives one or the other
        for (var i = 0; i < postings.Count; i++)
            if (Invalid(postings[i], options.Value) is { } problem) return BankProblems.Unprocessable($"[{i}]", problem, "import");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM processing_state WHERE id = {ProcessingState.Singleton} FOR UPDATE", ct);
        var valid = postings.Select(p => p!).ToList();
        var ids = valid.Select(p => p.Id).ToList();
        var held = (await db.Postings.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var books = new Books(db, options.Value, clock.GetUtcNow());
        var booked = 0;
        foreach (var p in valid.Where(p => held.Add(p.Id)))
        {
            books.Import(await books.AccountAsync(p.RoutingNumber, p.AccountNumber, ct), p.Id, p.Amount, p.BookedOn, p.Reference);
            booked++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new { booked });
    }

    private static string? Invalid(ImportedPosting? p, BankOptions bank) =>
        p is null ? "a posting, not null"
        : p.Id == Guid.Empty ? "id: a posting's id, not the empty one"
        : !RoutingNumbers.IsValid(p.RoutingNumber ?? "") ? "routing_number: not a routing number"
        : p.AccountNumber is not { } number || !BankAccountNumber.IsValid(number) ? "account_number: 4 to 17 digits"
        : p.RoutingNumber == bank.Routing && number == bank.Customer.SettlementAccount ? "account_number: the settlement account's postings are the bank's own"
        : p.Amount == 0 || decimal.Round(p.Amount, 2) != p.Amount || Math.Abs(p.Amount) > SetBalance.LargestBalance ? $"amount: not zero, in cents, at most {SetBalance.LargestBalance:0.00} either way"
        : p.BookedOn == default ? "booked_on: the date it was booked"
        : string.IsNullOrEmpty(p.Reference) || p.Reference.Length > 64 ? "reference: 1 to 64 characters"
        : null;
}
