using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

/// <summary>
/// draft-ietf-httpapi-idempotency-key-header for the money-moving POSTs (payments, refunds). Inside the request's
/// transaction: hold the key (409 while another request holds it), replay a known key's answer or refuse it for another
/// request (422); otherwise the handler does its work and <see cref="Remember"/>s its answer in the same transaction.
/// </summary>
internal static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>What an earlier request with the key decides: a replay, a refusal, or (both null) go ahead.</summary>
    public sealed record Earlier(ContentHttpResult? Replay, ProblemHttpResult? Refusal);

    /// <summary>The header wins; the body's idempotency_key is the fallback for clients that cannot set headers.</summary>
    public static string? KeyOf(HttpRequest request, string? bodyKey)
    {
        var header = request.Headers[KeyHeader].ToString();
        var key = string.IsNullOrWhiteSpace(header) ? bodyKey : header;
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    public static ProblemHttpResult? Invalid(string? key) =>
        key is null ? Problems.Invalid("idempotency_key", $"Send an {KeyHeader} header (or idempotency_key in the body).")
        : key.Length > IdempotencyRecord.MaxKeyLength ? Problems.Invalid("idempotency_key", "The key is at most 255 characters.")
        : null;

    /// <summary>What the request asks for, hashed: the same key with another request is refused, the same request replayed.</summary>
    public static string Fingerprint(params object?[] meaning) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            meaning.Select(part => Convert.ToString(part, System.Globalization.CultureInfo.InvariantCulture)))))).ToLowerInvariant();

    public static async Task<Earlier> LookUpAsync(DirectPayDb db, HttpContext http, Guid owner, string key, string fingerprint,
        DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.TryHoldAsync(owner, key, ct))
            return new(null, Problems.Conflict("A request with this idempotency key is still in progress; retry it shortly."));
        var known = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.OwnerId == owner && r.Key == key, ct);
        if (known is null) return new(null, null);
        if (known.ExpiresAt <= now)
        {
            // Kept its promised time and not purged yet: the key starts afresh, in this transaction.
            await db.IdempotencyRecords.Where(r => r.OwnerId == owner && r.Key == key).ExecuteDeleteAsync(ct);
            return new(null, null);
        }
        if (known.RequestFingerprint != fingerprint)
            return new(null, Problems.Unprocessable("idempotency_key", "This idempotency key was used for a different request."));

        // The first answer again, byte for byte, marked as a replay.
        http.Response.Headers[ReplayedHeader] = "true";
        http.Response.Headers.Location = known.ResponseLocation;
        return new(TypedResults.Content(known.ResponseBody, "application/json", Encoding.UTF8, known.ResponseStatusCode), null);
    }

    /// <summary>Stores the answer with the key, in the transaction that did the work: both exist, or neither.</summary>
    public static void Remember<T>(DirectPayDb db, Guid owner, string key, string fingerprint, Guid paymentId, string location,
        T response, JsonSerializerOptions json, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord(owner, key, fingerprint, paymentId, StatusCodes.Status201Created, location,
            JsonSerializer.Serialize(response, json), now));

    /// <summary>
    /// Holds the key for this transaction, or answers false at once when another request holds it (the 409 "in flight").
    /// The (owner, key) primary key still decides if two ever got past this.
    /// </summary>
    private static async Task<bool> TryHoldAsync(this DirectPayDb db, Guid owner, string key, CancellationToken ct)
    {
        var lockId = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner:N}:{key}")), 0);
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({lockId}) AS \"Value\"").SingleAsync(ct);
    }
}
