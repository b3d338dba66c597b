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

    /// <summary>A banking day of DirectPay's settlement account: what DirectPay's ACH entries say moved, and what the bank booked.</summary>
    /// <param name="Agrees">False is a finding: the bank's day is not what DirectPay sent and received.</param>
    public sealed record SettlementDay(DateOnly Date, decimal ExpectedIn, decimal ExpectedOut, decimal BankIn, decimal BankOut,
        decimal BankClosingBalance, bool Agrees);

    /// <param name="Findings">Everything but the matched pairs.</param>
    /// <param name="Settlement">The settlement day checked; none when no day was final, or the bank could not be asked.</param>
    public sealed record Report(Guid Id, string Trigger, ReconciliationRunStatus Status, int Matched, int UnmatchedStatementLines,
        int MissingFromStatement, int AmountMismatches, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, List<Finding> Findings,
        SettlementDay? Settlement);

    /// <param name="settlementDate">The banking date whose settlement-account movements to check; the latest final one when absent.</param>
    internal static async Task<Accepted<Report>> Request(DirectPayDb db, CancellationToken ct,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "settlement_date")] DateOnly? settlementDate = null)
    {
        var run = ReconciliationRun.OnDemand(Guid.CreateVersion7(), settlementDate);
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
        var settlement = run.SettlementDate is { } date
            ? new SettlementDay(date, run.ExpectedIn!.Value, run.ExpectedOut!.Value, run.BankIn!.Value, run.BankOut!.Value, run.BankClosingBalance!.Value,
                run.SettlementAgrees!.Value)
            : null;
        return new Report(run.Id, run.Trigger, run.Status, run.Matched, run.UnmatchedStatementLines, run.MissingFromStatement,
            run.AmountMismatches, run.CreatedAt, run.CompletedAt, findings, settlement);
    }
}
