using DirectPay.Api.Infrastructure;

namespace DirectPay.Api.Features.Reconciliation;

public static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliation(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Reconciliation").RequireAuthorization(Policies.AdminOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/bank-statements", ImportBankStatements.Handle)
            .WithSummary("Import bank statement lines (CSV with a header row, or a JSON array)")
            .Accepts<List<ImportBankStatements.Line>>("application/json", "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPost("/reconciliation/runs", GetReconciliation.Request)
            .WithSummary("Ask the worker to reconcile the books with the statements now, and a settlement day with the bank's (?settlement_date=, else the latest final one)")
            .ProducesValidationProblem();
        admin.MapGet("/reconciliation/runs/{id:guid}", GetReconciliation.Run).WithSummary("A reconciliation run and what it found")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/reconciliation", GetReconciliation.Latest).WithSummary("The latest completed reconciliation and what it found")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
