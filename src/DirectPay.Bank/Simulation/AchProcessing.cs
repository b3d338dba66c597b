using DirectPay.Bank.Data;
using DirectPay.Banking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Bank.Simulation;

/// <summary>
/// The bank's day, on the banking clock: entries settle when their time comes (money moves between the receivers'
/// accounts and DirectPay's settlement account, and the receiving bank decides its answer), and the answers due go out
/// in return and notification-of-change files. Each round is one transaction that ends by recording how far it came,
/// so a file listing that says "complete through T" holds every file due by T.
/// </summary>
public sealed partial class AchProcessing(IServiceScopeFactory scopes, BankingClock clock, IOptions<BankOptions> options,
    ILogger<AchProcessing> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // A banking hour at most between rounds, so the listing's "complete through" keeps up with the clock.
            var wait = TimeSpan.FromTicks(Math.Clamp(clock.RealDuration(TimeSpan.FromHours(1)).Ticks, ShortestWait.Ticks, LongestWait.Ticks));
            try
            {
                if (await ProcessAsync(stoppingToken) is { } next && clock.RealDelayUntil(next) < wait)
                    wait = TimeSpan.FromTicks(Math.Max(clock.RealDelayUntil(next).Ticks, ShortestWait.Ticks));
                await AnswerTransfersAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e); // nothing of the round was kept; the next one, a second later, does it again
                wait = LongestWait;
            }
            await Task.Delay(wait, stoppingToken);
        }
    }

    /// <summary>Transfers are answered when DirectPay asks after them, and here when it does not.</summary>
    private async Task AnswerTransfersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TransferDesk>().AnswerDueAsync(null, ct);
    }

    /// <summary>One round up to now; returns when the next entry settles or reply is due.</summary>
    public async Task<DateTimeOffset?> ProcessAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var state = await db.ProcessingState.FromSql($"SELECT * FROM processing_state WHERE id = {Data.ProcessingState.Singleton} FOR UPDATE")
            .SingleAsync(ct);
        var now = clock.GetUtcNow(); // after the lock: a round never records a time before the one it waited for
        var books = new Books(db, options.Value, now);

        foreach (var entry in await db.ReceivedEntries.Where(e => e.Status == EntryStatus.Received && e.SettlesAt <= now)
                     .OrderBy(e => e.SettlesAt).ThenBy(e => e.TraceNumber).ToListAsync(ct))
            await SettleAsync(db, books, entry, ct);
        await db.SaveChangesAsync(ct);

        var due = await db.ScheduledReplies.Where(r => r.OutboundFileId == null && r.DueAt <= now)
            .Join(db.ReceivedEntries, r => r.EntryId, e => e.Id, (r, e) => new { Reply = r, Entry = e })
            .OrderBy(x => x.Reply.DueAt).ToListAsync(ct);
        var sequence = state.NextReplySequence;
        DateTimeOffset? heldBefore = null;
        // A file per kind and due time, dated when the replies were due (a round that ran late does not make them late),
        // but never before the last round's mark, which a listing may already have called complete.
        foreach (var group in due.GroupBy(x => (x.Reply.Kind, x.Reply.DueAt)).OrderBy(g => g.Key.DueAt))
        {
            var writtenAt = group.Key.DueAt > state.ProcessedThrough ? group.Key.DueAt : state.ProcessedThrough.AddTicks(10);
            if (await ModifierAsync(db, writtenAt, ct) is not { } modifier)
            {
                LogNoModifierLeft(logger, FedCalendar.DateInNewYork(writtenAt));
                heldBefore ??= group.Key.DueAt; // the replies stay due (they go out on the next banking date), and the mark waits for them
                continue;
            }
            var replies = group.Select(x => (x.Reply, x.Entry)).ToList();
            var file = ReplyFiles.Write(group.Key.Kind, replies, options.Value, writtenAt, modifier, ref sequence);
            db.OutboundFiles.Add(file);
            await db.SaveChangesAsync(ct); // the file first: each reply points at it
            foreach (var (reply, entry) in replies)
            {
                reply.OutboundFileId = file.Id;
                if (group.Key.Kind == ReplyKind.Return) await books.ReturnAsync(entry, reply.Code, writtenAt, ct);
            }
            LogFileWritten(logger, file.Id, file.Kind, replies.Count);
        }
        state.NextReplySequence = sequence;
        // The mark never goes back, and never passes a reply still to be written: a listing complete through it holds them all.
        var through = heldBefore is { } held && held.AddTicks(-10) < now ? held.AddTicks(-10) : now;
        if (through > state.ProcessedThrough) state.ProcessedThrough = through;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        DateTimeOffset?[] next =
        [
            await db.ReceivedEntries.Where(e => e.Status == EntryStatus.Received).MinAsync(e => (DateTimeOffset?)e.SettlesAt, ct),
            await db.ScheduledReplies.Where(r => r.OutboundFileId == null).MinAsync(r => (DateTimeOffset?)r.DueAt, ct),
        ];
        return next.Min();
    }

    private static async Task SettleAsync(BankDb db, Books books, ReceivedEntry entry, CancellationToken ct)
    {
        var receiver = await books.AccountAsync(entry.RoutingNumber, entry.AccountNumber, ct);
        var decision = ReceivingBankRules.Decide(entry, receiver);
        await books.SettleAsync(entry, receiver, decision.Posted, ct);
        if (decision.Reply is { } kind)
            db.ScheduledReplies.Add(new ScheduledReply
            {
                Id = Guid.CreateVersion7(), EntryId = entry.Id, Kind = kind, Code = decision.Code, CorrectedData = decision.CorrectedData,
                DueAt = SettlementTimes.ReplyDue(entry.SettlementDate, decision.ReplyDays),
            });
    }

    /// <summary>A-Z then 0-9 through the files the bank writes on one (New York) day; none when all 36 are used.</summary>
    private static async Task<char?> ModifierAsync(BankDb db, DateTimeOffset at, CancellationToken ct)
    {
        var day = FedCalendar.DateInNewYork(at);
        var (start, end) = (FedCalendar.At(day, TimeOnly.MinValue), FedCalendar.At(day.AddDays(1), TimeOnly.MinValue));
        var written = await db.OutboundFiles.CountAsync(f => f.CreatedAt >= start && f.CreatedAt < end, ct)
            + db.OutboundFiles.Local.Count(f => f.CreatedAt >= start && f.CreatedAt < end && db.Entry(f).State == EntityState.Added);
        return written < 36 ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[written] : null;
    }

    [LoggerMessage(LogLevel.Warning, "All 36 file identities of {Date} are used; the replies wait for the next banking date")]
    private static partial void LogNoModifierLeft(ILogger logger, DateOnly date);

    [LoggerMessage(LogLevel.Information, "Wrote {Kind} file {FileId} with {Count} entries")]
    private static partial void LogFileWritten(ILogger logger, Guid fileId, string kind, int count);

    [LoggerMessage(LogLevel.Warning, "A round of ACH processing failed; the next round does it again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
