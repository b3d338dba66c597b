using DirectPay.Bank.Data;
using DirectPay.Bank.Infrastructure;
using DirectPay.Banking.Connection;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Bank.Features.Ach;

/// <summary>
/// GET /ach/files/outbound?since=… lists the files the bank has for its customer, oldest first; GET
/// /ach/files/outbound/{id} gives one byte for byte. The customer keeps track of what it applied, by each file's id.
/// </summary>
public static class OutboundFiles
{
    private const int Page = 500;

    public static void MapOutboundFiles(this IEndpointRouteBuilder ach)
    {
        ach.MapGet("/files/outbound", async (DateTimeOffset? since, BankDb db, CancellationToken ct) =>
        {
            var from = since ?? DateTimeOffset.MinValue;
            return TypedResults.Ok(await db.OutboundFiles.AsNoTracking().Where(f => f.CreatedAt >= from).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
                .Take(Page).Select(f => new BankFileListing(f.Id, f.Kind, f.Name, f.CreatedAt, f.Sha256)).ToListAsync(ct));
        });
        ach.MapGet("/files/outbound/{id:guid}", async (Guid id, BankDb db, CancellationToken ct) =>
            await db.OutboundFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.Content).SingleOrDefaultAsync(ct) is { } content
                ? Results.Bytes(content, "text/plain")
                : BankProblems.NotFound($"No outbound file {id}."));
    }
}
