using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Payments.Ach;
using DirectPay.Vault;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using static DirectPay.Api.Features.Ach.ListAchFiles;

namespace DirectPay.Api.Features.Ach;

/// <summary>
/// POST /api/v1/admin/ach/files (text/plain): a return or notification-of-change file the bank gave operations by hand.
/// A file that cannot be read is refused whole (400 naming the line and field); a readable one is applied once, as the
/// worker applies what it fetches, and its entries that match nothing DirectPay sent are reported, not refused.
/// </summary>
public static class ReceiveAchFile
{
    /// <param name="ReturnedAfterRefund">Payments whose money came back twice (refunded, then returned): to contest or recover.</param>
    /// <param name="RefundsReturnedAfterCompletion">Refund credits returned after they completed: the renter is still owed.</param>
    public sealed record Response(AchFileResponse File, bool AlreadyApplied, int Returns, int Changes, IReadOnlyList<string> UnmatchedTraceNumbers,
        IReadOnlyList<Guid> ReturnedAfterRefund, IReadOnlyList<Guid> RefundsReturnedAfterCompletion);

    /// <param name="bankFileId">The id of the bank's listing this file is a good copy of, when the worker could not apply
    /// the one it fetched (its log names it): the worker then takes it as applied and goes on.</param>
    internal static async Task<Results<Created<Response>, Ok<Response>, ProblemHttpResult>> Handle(HttpRequest request, DirectPayDb db,
        VaultProtector vault, TimeProvider clock, CancellationToken ct, [FromQuery(Name = "bank_file_id")] Guid? bankFileId = null)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the NACHA file as text/plain.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        AppliedAchFile applied;
        try
        {
            applied = await ReceivedAchFiles.ApplyAsync(db, vault, body.ToArray(), bankFileId, clock.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
        }
        catch (NachaFormatException e)
        {
            return Problems.Invalid($"line {e.Line}: {e.Field}", e.Message);
        }
        catch (UnacknowledgedFileException)
        {
            return Problems.Conflict("It answers an ACH file whose acknowledgement DirectPay has not recorded yet; nothing of it was applied. Send it again shortly.");
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // The worker applied this file, or moved one of its payments, at the same moment: sending it again is safe.
            return Problems.Conflict("The file's payments changed while it was applied; nothing of it was. Send it again.");
        }
        var response = new Response(AchFileResponse.From(applied.File), applied.AlreadyApplied, applied.Returns, applied.Changes, applied.UnmatchedTraces,
            applied.ReturnedAfterRefund, applied.RefundsReturnedAfterCompletion);
        return applied.AlreadyApplied ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/admin/ach/files/{applied.File.Id}", response);
    }
}
