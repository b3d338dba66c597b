using System.Diagnostics.Metrics;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

public sealed class ReconciliationOptions
{
    /// <summary>How often a scheduled run is requested; admins request more with POST /api/v1/admin/reconciliation/runs.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Runs requested reconciliations (on demand, or scheduled every <see cref="ReconciliationOptions.Every"/>): the books'
/// bank-account ledger entries against the bank statements. Each outcome is stored with the run; every outcome but
/// "matched" counts in the directpay.reconciliation.findings metric and the log.
/// </summary>
public sealed partial class ReconciliationJob(IServiceScopeFactory scopes, IBankConnection bank, TimeProvider clock,
    IOptions<ReconciliationOptions> options, ILogger<ReconciliationJob> logger) : Poller(clock, logger)
{
    private static readonly Meter Meter = new(DirectPayTelemetry.Name);
    private static readonly Counter<long> Findings = Meter.CreateCounter<long>("directpay.reconciliation.findings", "{finding}");

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task PollAsync(CancellationToken ct)
    {
        await RequestScheduledRunAsync(ct);
        while (await RunNextAsync(ct)) { }
    }

    /// <summary>
    /// Every replica asks each second; the period's unique key lets one run in, and the others' inserts do nothing (in
    /// SQL, as a refused SaveChanges would log an error each time a replica comes second).
    /// </summary>
    private async Task RequestScheduledRunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var now = Clock.GetUtcNow();
        var period = ReconciliationRun.PeriodOf(now, options.Value.Every);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reconciliation_runs (id, trigger, status, matched, unmatched_statement_lines, missing_from_statement,
                                             amount_mismatches, created_at, scheduled_for)
            VALUES ({Guid.CreateVersion7()}, 'scheduled', 'requested', 0, 0, 0, 0, {now}, {period})
            ON CONFLICT (scheduled_for) DO NOTHING
            """, ct);
    }

    private async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        // One snapshot for the books and the statements: a settlement committing between two reads would look like a finding.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var run = await db.ReconciliationRuns
            .FromSql($"SELECT * FROM reconciliation_runs WHERE status = 'requested' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (run is null) return false;

        run.Start();
        // ACH payments sent in files, their refunds and payouts are not on these per-account statement lines (they move
        // through the settlement account, which the bank answers for in its files); only transfer orders' are.
        var booked = await db.LedgerEntries.AsNoTracking()
            .Where(e => !db.Payments.Any(p => p.Id == e.SourceId && p.AchFileId != null)
                        && !db.Refunds.Any(r => r.Id == e.SourceId && db.Payments.Any(p => p.Id == r.PaymentId && p.CollectedThroughSettlement))
                        && e.SourceType != Postings.PayoutSource && e.SourceType != Postings.PayoutReturnSource)
            .Join(db.LedgerAccounts.Where(l => l.BankAccountId != null), e => e.LedgerAccountId, l => l.Id, (e, l) => new { e, l.BankAccountId })
            .OrderBy(x => x.e.Id)
            .Select(x => new { x.e.Id, BankAccountId = x.BankAccountId!.Value, x.e.Amount, x.e.SourceId, x.e.CreatedAt })
            .ToListAsync(ct);
        var movements = booked.Select(b => new BookedMovement(b.Id, b.BankAccountId, b.Amount < 0 ? MoneyDirection.Debit : MoneyDirection.Credit,
            Math.Abs(b.Amount), b.SourceId.ToString(), DateOnly.FromDateTime(b.CreatedAt.UtcDateTime))).ToList();
        var lines = await db.BankStatements.AsNoTracking().OrderBy(l => l.CreatedAt).ToListAsync(ct);

        var items = Reconciler.Match(run.Id, movements, lines);
        db.ReconciliationItems.AddRange(items);
        await NoteFindingsOnPaymentsAsync(db, items, ct);
        await CheckSettlementDayAsync(db, run, ct);
        run.Complete(items, Clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        foreach (var finding in items.Where(i => i.Outcome != ReconciliationOutcome.Matched))
            Findings.Add(1, new KeyValuePair<string, object?>("outcome", SnakeCaseEnum<ReconciliationOutcome>.ToText[finding.Outcome]));
        if (run.SettlementAgrees == false)
        {
            Findings.Add(1, new KeyValuePair<string, object?>("outcome", "settlement_difference"));
            LogSettlementDifference(logger, run.Id, run.SettlementDate!.Value, run.ExpectedIn!.Value, run.BankIn!.Value, run.ExpectedOut!.Value, run.BankOut!.Value);
        }
        LogRun(logger, run.Id, run.Matched, run.UnmatchedStatementLines, run.MissingFromStatement, run.AmountMismatches);
        return true;
    }

    /// <summary>
    /// A banking day of the settlement account: what DirectPay's ACH entries say came in (debits settled, credits
    /// returned) and went out (credits settled, debits returned) against what the bank booked. Only a day that is final
    /// on both sides: the bank's processing and DirectPay's collection of its files have passed the day's end.
    /// </summary>
    private async Task CheckSettlementDayAsync(DirectPayDb db, ReconciliationRun run, CancellationToken ct)
    {
        if (await db.AchCursors.Where(c => c.Name == AchCursor.Collection).Select(c => c.CollectedThrough).SingleAsync(ct) is not { } through)
            return; // nothing collected from the bank yet
        var latestFinal = FedCalendar.DateInNewYork(through).AddDays(-1);
        var date = run.AskedSettlementDate ?? latestFinal;
        if (date > latestFinal)
        {
            LogDayNotFinal(logger, run.Id, date);
            return;
        }
        var sent = db.AchEntries.Where(e => e.State == AchEntryState.InFile);
        if (await sent.AnyAsync(e => e.SettlementDate <= date && db.AchFiles.Any(f => f.Id == e.AchFileId && f.State == AchFileState.Recorded), ct))
        {
            LogDayNotFinal(logger, run.Id, date); // a file the bank may hold is not acknowledged yet
            return;
        }
        // Every entry in a file settling by then is acknowledged (checked above), so its settlement date is the bank's.
        var moved = await sent.Where(e => e.SettlementDate == date || e.ReturnedOn == date)
            .Select(e => new { e.Debit, e.Amount, Settled = e.SettlementDate == date, Returned = e.ReturnedOn == date }).ToListAsync(ct);
        var expectedIn = moved.Where(m => m.Settled && m.Debit).Sum(m => m.Amount) + moved.Where(m => m.Returned && !m.Debit).Sum(m => m.Amount);
        var expectedOut = moved.Where(m => m.Settled && !m.Debit).Sum(m => m.Amount) + moved.Where(m => m.Returned && m.Debit).Sum(m => m.Amount);
        try
        {
            var day = await bank.GetSettlementDayAsync(date, ct);
            if (day.Final) run.CheckSettlement(date, expectedIn, expectedOut, day.Credits, day.Debits, day.ClosingBalance);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
        {
            LogBankUnreachable(logger, e, run.Id); // the statements' matching stands; the next run checks a day again
        }
    }

    /// <summary>A payment the statements contradict gets an event saying so, the first time a run finds it.</summary>
    private async Task NoteFindingsOnPaymentsAsync(DirectPayDb db, List<ReconciliationItem> items, CancellationToken ct)
    {
        var findings = items.Where(i => i.Outcome is ReconciliationOutcome.MissingFromStatement or ReconciliationOutcome.AmountMismatch)
            .Select(i => (PaymentId: Guid.TryParse(i.Reference, out var id) ? id : Guid.Empty, i.Outcome))
            .Where(f => f.PaymentId != Guid.Empty).Distinct().ToList();
        if (findings.Count == 0) return;
        var ids = findings.Select(f => f.PaymentId).ToList();
        var payments = await db.Payments.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var noted = (await db.PaymentEvents.Where(e => ids.Contains(e.PaymentId) && e.EventType.StartsWith("reconciliation_"))
            .Select(e => new { e.PaymentId, e.EventType }).ToListAsync(ct)).Select(e => (e.PaymentId, e.EventType)).ToHashSet();
        var now = Clock.GetUtcNow();
        foreach (var (paymentId, outcome) in findings)
            if (payments.TryGetValue(paymentId, out var payment) && noted.Add((paymentId, Payment.ReconciliationEventType(outcome))))
                payment.NoteReconciliationFinding(outcome, now);
    }

    [LoggerMessage(LogLevel.Warning, "Reconciliation {RunId}: the settlement account on {Date} took in {ExpectedIn} by DirectPay's entries and {BankIn} at the bank, paid out {ExpectedOut} and {BankOut}")]
    private static partial void LogSettlementDifference(ILogger logger, Guid runId, DateOnly date, decimal expectedIn, decimal bankIn, decimal expectedOut, decimal bankOut);

    [LoggerMessage(LogLevel.Information, "Reconciliation {RunId}: the settlement day {Date} is not final yet; not checked")]
    private static partial void LogDayNotFinal(ILogger logger, Guid runId, DateOnly date);

    [LoggerMessage(LogLevel.Warning, "Reconciliation {RunId}: the bank could not be asked for its settlement day; not checked")]
    private static partial void LogBankUnreachable(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(LogLevel.Information,
        "Reconciliation {RunId}: {Matched} matched, {Unmatched} unmatched statement lines, {Missing} missing from statements, {Mismatched} amount mismatches")]
    private static partial void LogRun(ILogger logger, Guid runId, int matched, int unmatched, int missing, int mismatched);
}
