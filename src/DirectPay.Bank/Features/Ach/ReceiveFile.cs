using System.Security.Cryptography;
using DirectPay.Bank.Data;
using DirectPay.Bank.Infrastructure;
using DirectPay.Bank.Simulation;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace DirectPay.Bank.Features.Ach;

/// <summary>
/// POST /ach/files (text/plain): the customer hands over a NACHA file. A file that cannot be read is refused whole (400
/// naming the line and field); one that is not the customer's to send is 422; a file the bank already holds (same
/// origin, creation date and file ID modifier) is answered with its original acknowledgement, whatever its bytes.
/// </summary>
public static partial class ReceiveFile
{
    public static void MapReceiveFile(this IEndpointRouteBuilder ach) =>
        // No Accepts metadata: routing would answer a wrong media type with 415 before the key is checked. The handler does.
        ach.MapPost("/files", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpRequest request, BankDb db, IOptions<BankOptions> options, BankingClock clock,
        ILogger<BankOptions> logger, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            return BankProblems.UnsupportedMediaType("A NACHA file is sent as text/plain.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var bytes = body.ToArray();

        NachaFile file;
        try
        {
            file = NachaReader.Read(bytes);
        }
        catch (NachaFormatException e)
        {
            return BankProblems.Malformed(e);
        }
        if (Refusal(file, options.Value) is { } refusal) return BankProblems.Unprocessable(refusal.Field, refusal.Problem);

        var identity = (Origin: file.Header.ImmediateOrigin, Date: file.Header.CreationDate, Modifier: file.Header.FileIdModifier.ToString());
        if (await FindAsync(db, identity, ct) is { } held) return TypedResults.Ok(await AcknowledgementAsync(db, held, ct));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Ordered against the processing rounds (which take this row FOR UPDATE): a file is received at or after the mark
        // of the last round, so its entries settle in a round still to come, on the dates its acknowledgement gives.
        var mark = await db.ProcessingState.FromSql($"SELECT * FROM processing_state WHERE id = {ProcessingState.Singleton} FOR SHARE")
            .Select(s => s.ProcessedThrough).SingleAsync(ct);
        var clockNow = clock.GetUtcNow();
        var now = Microseconds(clockNow > mark ? clockNow : mark.AddTicks(10));

        var received = new ReceivedFile
        {
            Id = Guid.CreateVersion7(), ImmediateOrigin = identity.Origin, CreationDate = identity.Date, FileIdModifier = identity.Modifier,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes, EntryCount = file.Entries.Count(),
            TotalDebit = file.TotalDebits, TotalCredit = file.TotalCredits, ReceivedAt = now,
        };
        db.ReceivedFiles.Add(received);
        var settlements = new List<BatchSettlement>();
        foreach (var batch in file.Batches)
        {
            var effective = batch.Header.EffectiveEntryDate!.Value;
            var (settlementDate, settlesAt) = SettlementTimes.Settlement(now, effective);
            settlements.Add(new BatchSettlement(batch.Header.BatchNumber, settlementDate));
            foreach (var entry in batch.Entries)
                db.ReceivedEntries.Add(new ReceivedEntry
                {
                    Id = Guid.CreateVersion7(), FileId = received.Id, BatchNumber = batch.Header.BatchNumber, TraceNumber = entry.TraceNumber,
                    TransactionCode = entry.TransactionCode, SecCode = batch.Header.SecCode, CompanyName = batch.Header.CompanyName,
                    CompanyIdentification = batch.Header.CompanyIdentification, EntryDescription = batch.Header.EntryDescription,
                    RoutingNumber = entry.RoutingNumber, AccountNumber = entry.AccountNumber, Amount = entry.Amount,
                    IdentificationNumber = entry.IdentificationNumber, ReceiverName = entry.ReceiverName, EffectiveDate = effective,
                    SettlementDate = settlementDate, SettlesAt = settlesAt, DiscretionaryData = entry.DiscretionaryData,
                });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
                                          && unique.ConstraintName == BankDb.FileIdentityIndex)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear(); // the same file arrived twice at once: the first one in is the file
            return TypedResults.Ok(await AcknowledgementAsync(db, (await FindAsync(db, identity, ct))!, ct));
        }
        LogReceived(logger, received.Id, received.EntryCount, received.TotalDebit, received.TotalCredit);
        return TypedResults.Created($"/ach/files/{received.Id}", Acknowledgement(received, settlements));
    }

    /// <summary>What makes a readable file one the customer may not send: another bank's, another originator's, or undated.</summary>
    private static (string Field, string Problem)? Refusal(NachaFile file, BankOptions bank)
    {
        if (file.Header.ImmediateDestination != bank.Routing)
            return ("immediate destination", $"'{file.Header.ImmediateDestination}' is not this bank ({bank.Routing})");
        if (file.Header.ImmediateOrigin != bank.Customer.ImmediateOrigin)
            return ("immediate origin", $"'{file.Header.ImmediateOrigin}' is not a customer of this bank");
        var traces = new HashSet<string>();
        foreach (var batch in file.Batches)
        {
            var at = $"batch {batch.Header.BatchNumber}";
            if (batch.Header.CompanyIdentification != bank.Customer.CompanyIdentification)
                return ("company identification", $"{at}: '{batch.Header.CompanyIdentification}' is not the customer's company");
            if (batch.Header.OdfiIdentification != bank.Routing[..8])
                return ("originating DFI identification", $"{at}: '{batch.Header.OdfiIdentification}' is not this bank");
            if (batch.Header.EffectiveEntryDate is null) return ("effective entry date", $"{at}: is blank");
            foreach (var entry in batch.Entries)
                if (!traces.Add(entry.TraceNumber)) return ("trace number", $"{at}: {entry.TraceNumber} is in the file twice");
            if (batch.Entries.FirstOrDefault(e => TransactionCodes.IsReturnOrNotification(e.TransactionCode)) is { } reply)
                return ("transaction code", $"{at}: trace {reply.TraceNumber} is a return or notification ({reply.TransactionCode}), which a receiving bank sends");
        }
        return null;
    }

    private static Task<ReceivedFile?> FindAsync(BankDb db, (string Origin, DateOnly Date, string Modifier) identity, CancellationToken ct) =>
        db.ReceivedFiles.AsNoTracking().SingleOrDefaultAsync(f =>
            f.ImmediateOrigin == identity.Origin && f.CreationDate == identity.Date && f.FileIdModifier == identity.Modifier, ct);

    /// <summary>Banking time as postgres keeps it, so the first acknowledgement and every later one are the same.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % 10));

    private static async Task<FileAcknowledgement> AcknowledgementAsync(BankDb db, ReceivedFile f, CancellationToken ct) =>
        Acknowledgement(f, await db.ReceivedEntries.Where(e => e.FileId == f.Id).GroupBy(e => e.BatchNumber).OrderBy(g => g.Key)
            .Select(g => new BatchSettlement(g.Key, g.Min(e => e.SettlementDate))).ToListAsync(ct));

    private static FileAcknowledgement Acknowledgement(ReceivedFile f, IReadOnlyList<BatchSettlement> settlements) =>
        new(f.Id, f.ImmediateOrigin, f.CreationDate, f.FileIdModifier, f.Sha256, f.EntryCount, f.TotalDebit, f.TotalCredit, f.ReceivedAt, settlements);

    [LoggerMessage(LogLevel.Information, "Received ACH file {FileId}: {EntryCount} entries, debits {TotalDebit}, credits {TotalCredit}")]
    private static partial void LogReceived(ILogger logger, Guid fileId, int entryCount, decimal totalDebit, decimal totalCredit);
}
