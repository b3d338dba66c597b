using DirectPay.Domain;
using DirectPay.Bank.Data;
using DirectPay.Bank.Infrastructure;
using DirectPay.Bank.Simulation;
using DirectPay.Banking;
using DirectPay.Banking.Nacha;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Bank.Features.Sandbox;

/// <summary>
/// PUT /sandbox/balances: sets what a receiving bank's account holds, as a bank sandbox lets
/// its customer do to try insufficient funds by balance rather than by a test account number. The settlement account is
/// the bank's own books and cannot be set. The account number goes in the body, never in a path that traces keep.
/// </summary>
public static class SetBalance
{
    public sealed record Request(string? RoutingNumber, string? AccountNumber, decimal? Balance);

    /// <summary>A sandbox balance stays far below what the bank's books hold, so credits on top of it still fit.</summary>
    public const decimal LargestBalance = 99_999_999.99m;

    public sealed record Response(string RoutingNumber, string AccountLast4, decimal Balance);

    public static void MapSandbox(this IEndpointRouteBuilder sandbox)
    {
        sandbox.MapPut("/balances", HandleAsync);
        sandbox.MapImportPostings();
    }

    private static async Task<IResult> HandleAsync(Request request, BankDb db, BankingClock clock,
        Microsoft.Extensions.Options.IOptions<BankOptions> options, CancellationToken ct)
    {
        var (routing, account) = (request.RoutingNumber ?? "", request.AccountNumber ?? "");
        if (!RoutingNumbers.IsValid(routing)) return BankProblems.Unprocessable("routing_number", "is not a routing number");
        if (!BankAccountNumber.IsValid(account))
            return BankProblems.Unprocessable("account_number", "an account number is 4 to 17 digits");
        if (routing == options.Value.Routing && account == options.Value.Customer.SettlementAccount)
            return BankProblems.Unprocessable("account_number", "the settlement account's balance is what its postings make it");
        if (request.Balance is not { } balance || balance < 0 || decimal.Round(balance, 2) != balance || balance > LargestBalance)
            return BankProblems.Unprocessable("balance", $"a balance is 0 to {LargestBalance:0.00}, with at most two decimals");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Between the bank's processing rounds, which read and write balances under the same lock.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM processing_state WHERE id = {ProcessingState.Singleton} FOR UPDATE", ct);
        var books = new Books(db, options.Value, clock.GetUtcNow());
        var held = await books.AccountAsync(routing, account, ct);
        held.Balance = balance;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new Response(routing, account[^4..], held.Balance));
    }
}
