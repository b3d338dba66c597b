using DirectPay.Data;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Vault;

/// <summary>
/// The second half of a key rotation (docs/decisions/0015): every account number and stored ACH file sealed under an
/// older key is sealed again under the current one, a batch at a time, so the old key can be retired once none is left.
/// Each row is written only if it still holds what was read (a number changed meanwhile is not put back), and a row
/// whose key is gone is left as it is and counted, never lost.
/// </summary>
public static class VaultRotation
{
    private const int Batch = 200;

    /// <returns>How many rows were sealed again, and how many under a key no longer current remain.</returns>
    public static async Task<(int Resealed, int Remaining)> ResealAsync(this DirectPayDb db, VaultProtector vault, CancellationToken ct)
    {
        var current = vault.CurrentKeyId;
        var configured = vault.KeyIds.ToList();
        var resealed = 0;
        // Only rows a configured key opens: those whose key is gone would otherwise fill every batch.
        foreach (var old in await db.BankAccountNumbers.AsNoTracking().Where(n => n.KeyId != current && configured.Contains(n.KeyId))
                     .OrderBy(n => n.BankAccountId).Take(Batch).ToListAsync(ct))
        {
            if (TryReseal(vault, VaultPurposes.BankAccountNumber, old.BankAccountId, new Sealed(old.KeyId, old.Ciphertext)) is not { } value) continue;
            resealed += await db.BankAccountNumbers
                .Where(n => n.BankAccountId == old.BankAccountId && n.KeyId == old.KeyId && n.Ciphertext == old.Ciphertext)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.KeyId, value.KeyId).SetProperty(n => n.Ciphertext, value.Ciphertext), ct);
        }
        foreach (var old in await db.AchFiles.AsNoTracking().Where(f => f.KeyId != current && configured.Contains(f.KeyId))
                     .OrderBy(f => f.Id).Take(Batch).Select(f => new { f.Id, f.KeyId, f.Ciphertext }).ToListAsync(ct))
        {
            if (TryReseal(vault, VaultPurposes.AchFile, old.Id, new Sealed(old.KeyId, old.Ciphertext)) is not { } value) continue;
            resealed += await db.AchFiles.Where(f => f.Id == old.Id && f.KeyId == old.KeyId)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.KeyId, value.KeyId).SetProperty(f => f.Ciphertext, value.Ciphertext), ct);
        }
        var remaining = await db.BankAccountNumbers.CountAsync(n => n.KeyId != current, ct) + await db.AchFiles.CountAsync(f => f.KeyId != current, ct);
        return (resealed, remaining);
    }

    /// <summary>Null when the value does not open (a damaged row): it stays, counted among those remaining.</summary>
    private static Sealed? TryReseal(VaultProtector vault, string purpose, Guid id, Sealed value)
    {
        try
        {
            return vault.Reseal(purpose, id, value);
        }
        catch (VaultException)
        {
            return null;
        }
    }
}
