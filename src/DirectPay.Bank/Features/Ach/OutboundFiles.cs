using DirectPay.Bank.Data;
using DirectPay.Bank.Infrastructure;
using DirectPay.Banking.Connection;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Bank.Features.Ach;

/// <summary>
/// GET /ach/files/outbound?since=… lists the files the bank has for its customer, oldest first, with the banking time
/// through which the list is complete; GET
/// /ach/files/outbound/{id} gives one byte for byte. The customer keeps track of what it applied, by each file's id.
/// </summary>
public static class OutboundFiles
{
    private const int Page = 500;

    public static void MapOutboundFiles(this IEndpointRouteBuilder ach)
    {
        ach.MapGet("/files/outbound", async (DateTimeOffset? since, BankDb db, CancellationToken ct) =>
        {
            var from = since?.ToUniversalTime() ?? DateTimeOffset.UnixEpoch; // timestamptz compares in UTC
            // Read how far processing has come first: a round commits its files with that mark, so every file written up
            // to it is visible now, and a file of a later round (past the mark) waits for the next listing.
            var through = await db.ProcessingState.AsNoTracking().Select(s => s.ProcessedThrough).SingleAsync(ct);
            var files = await db.OutboundFiles.AsNoTracking().Where(f => f.CreatedAt >= from && f.CreatedAt <= through)
                .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Take(Page)
                .Select(f => new BankFileListing(f.Id, f.Kind, f.Name, f.CreatedAt, f.Sha256)).ToListAsync(ct);
            return TypedResults.Ok(new BankFileList(files.Count == Page ? files[^1].CreatedAt.AddTicks(-1) : through, files));
        });
        ach.MapGet("/files/outbound/{id:guid}", async (Guid id, BankDb db, CancellationToken ct) =>
            await db.OutboundFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.Content).SingleOrDefaultAsync(ct) is { } content
                ? Results.Bytes(content, "text/plain")
                : BankProblems.NotFound($"No outbound file {id}."));
    }
}
