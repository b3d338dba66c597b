using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Reconciliation;

public static class GetReconciliation
{
    public sealed record Finding(ReconciliationOutcome Outcome, Guid BankAccountId, MoneyDirection Direction, string Reference,
        long? LedgerEntryId, decimal? BookedAmount, Guid? StatementLineId, decimal? StatementAmount);

    /// <param name="Findings">Everything but the matched pairs.</param>
    public sealed record Report(Guid Id, string Trigger, ReconciliationRunStatus Status, int Matched, int UnmatchedStatementLines,
        int MissingFromStatement, int AmountMismatches, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, List<Finding> Findings);

    internal static async Task<Accepted<Report>> Request(DirectPayDb db, CancellationToken ct)
    {
        var run = ReconciliationRun.OnDemand(Guid.CreateVersion7());
        db.ReconciliationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/admin/reconciliation/runs/{run.Id}", await ReportAsync(db, run, ct));
    }

    internal static async Task<Results<Ok<Report>, ProblemHttpResult>> Run(Guid id, DirectPayDb db, CancellationToken ct) =>
        await db.ReconciliationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } run
            ? TypedResults.Ok(await ReportAsync(db, run, ct))
            : Problems.NotFound("reconciliation run");

    internal static async Task<Results<Ok<Report>, ProblemHttpResult>> Latest(DirectPayDb db, CancellationToken ct) =>
        await db.ReconciliationRuns.AsNoTracking().Where(r => r.Status == ReconciliationRunStatus.Completed)
            .OrderByDescending(r => r.CompletedAt).FirstOrDefaultAsync(ct) is { } run
            ? TypedResults.Ok(await ReportAsync(db, run, ct))
            : Problems.NotFound("completed reconciliation run");

    private static async Task<Report> ReportAsync(DirectPayDb db, ReconciliationRun run, CancellationToken ct)
    {
        var findings = await db.ReconciliationItems.AsNoTracking()
            .Where(i => i.RunId == run.Id && i.Outcome != ReconciliationOutcome.Matched).OrderBy(i => i.Id)
            .Select(i => new Finding(i.Outcome, i.BankAccountId, i.Direction, i.Reference, i.LedgerEntryId, i.BookedAmount, i.StatementLineId, i.StatementAmount))
            .ToListAsync(ct);
        return new Report(run.Id, run.Trigger, run.Status, run.Matched, run.UnmatchedStatementLines, run.MissingFromStatement,
            run.AmountMismatches, run.CreatedAt, run.CompletedAt, findings);
    }
}
