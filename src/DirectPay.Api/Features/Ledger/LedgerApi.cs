using DirectPay.Api.Infrastructure;

namespace DirectPay.Api.Features.Ledger;

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("/").WithTags("Ledger").ProducesProblem(StatusCodes.Status401Unauthorized);
        ledger.MapGet("/bank-accounts/{id:guid}/balance", GetBalance.Handle)
            .WithSummary("A bank account's balance in DirectPay's books (its owner or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapGet("/bank-accounts/{id:guid}/entries", ListEntries.Handle)
            .WithSummary("A bank account's ledger entries, newest first, a page at a time (its owner or an admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapGet("/admin/ledger/check", CheckLedger.Handle).RequireAuthorization(Policies.AdminOnly)
            .WithSummary("Prove the books: entries sum to zero, balances equal their entries, completed payments have their postings (admin)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
