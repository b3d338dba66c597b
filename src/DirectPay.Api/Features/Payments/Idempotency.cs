using System.Security.Cryptography;
using System.Text;
using DirectPay.Data;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

/// <summary>draft-ietf-httpapi-idempotency-key-header, as DESIGN.md reads it for payments.</summary>
internal static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The header wins; the body's idempotency_key is the fallback for clients that cannot set headers.</summary>
    public static string? KeyOf(HttpRequest request, string? bodyKey)
    {
        var header = request.Headers[KeyHeader].ToString();
        var key = string.IsNullOrWhiteSpace(header) ? bodyKey : header;
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>What the request asks for, hashed: the same key with another request is refused, the same request replayed.</summary>
    public static string Fingerprint(params object?[] meaning) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            meaning.Select(part => Convert.ToString(part, System.Globalization.CultureInfo.InvariantCulture)))))).ToLowerInvariant();

    /// <summary>
    /// Holds the key for this transaction, or answers false at once when another request holds it (the 409 "in flight").
    /// The (owner, key) primary key still decides if two ever got past this.
    /// </summary>
    public static async Task<bool> TryHoldAsync(this DirectPayDb db, Guid owner, string key, CancellationToken ct)
    {
        var lockId = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner:N}:{key}")), 0);
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({lockId}) AS \"Value\"").SingleAsync(ct);
    }
}
