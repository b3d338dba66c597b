using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DirectPay.Vault;

/// <summary>
/// Seals values with AES-GCM under keys derived from the configured secrets (HKDF-SHA256), binding each to its purpose
/// and row id as associated data, so a sealed value opens only for the row it was sealed for. Never logs what it seals.
/// </summary>
public sealed partial class VaultProtector
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private const int KeySize = 32;
    private static readonly byte[] DerivationInfo = "DirectPay vault AES-256-GCM v1"u8.ToArray();
    private readonly Dictionary<string, byte[]> _keys;

    public VaultProtector(IOptions<VaultOptions> options)
    {
        var settings = options.Value;
        if (settings.Problems().ToList() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join(" ", problems));
        _keys = settings.Keys.ToDictionary(k => k.Key, k => HKDF.DeriveKey(HashAlgorithmName.SHA256,
            Encoding.UTF8.GetBytes(k.Value), KeySize, salt: [], info: DerivationInfo));
        CurrentKeyId = settings.CurrentKeyId;
    }

    /// <summary>The key new values are sealed under.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Every key configured: the current one and those kept to open older rows.</summary>
    public IEnumerable<string> KeyIds => _keys.Keys;

    /// <summary>Seals under the current key with a fresh random nonce: nonce, ciphertext and tag in one array.</summary>
    public Sealed Protect(string purpose, Guid id, ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length),
            AssociatedData(purpose, id, CurrentKeyId));
        return new Sealed(CurrentKeyId, sealedBytes);
    }

    /// <summary>Opens what <see cref="Protect"/> sealed for this purpose and id, under whichever configured key sealed it.</summary>
    /// <exception cref="VaultException">The key id is not configured, or the bytes were changed or sealed for another row.</exception>
    public byte[] Unprotect(string purpose, Guid id, Sealed value)
    {
        if (!_keys.TryGetValue(value.KeyId, out var key))
            throw new VaultException($"No vault key '{value.KeyId}' is configured (Vault:Keys:{value.KeyId}); a key is retired only after its rows are sealed again.");
        var sealedBytes = value.Ciphertext;
        if (sealedBytes.Length < NonceSize + TagSize) throw Refused(purpose, id, value.KeyId);
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plaintext.Length),
                sealedBytes.AsSpan(sealedBytes.Length - TagSize), plaintext, AssociatedData(purpose, id, value.KeyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Refused(purpose, id, value.KeyId);
        }
        return plaintext;
    }

    /// <summary>The value sealed under the current key (a rotation's re-encryption); one already under it is returned as is.</summary>
    public Sealed Reseal(string purpose, Guid id, Sealed value)
    {
        if (value.KeyId == CurrentKeyId) return value;
        var plaintext = Unprotect(purpose, id, value);
        try
        {
            return Protect(purpose, id, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Purpose, id and key id, unambiguous because a purpose is a plain slug and the id a fixed-width uuid.</summary>
    private static byte[] AssociatedData(string purpose, Guid id, string keyId)
    {
        if (!PurposeShape().IsMatch(purpose)) throw new ArgumentException("A vault purpose is lower-case letters, digits and '-'.", nameof(purpose));
        return Encoding.UTF8.GetBytes($"directpay-vault/v1|{purpose}|{id:D}|{keyId}");
    }

    private static VaultException Refused(string purpose, Guid id, string keyId) =>
        new($"The sealed {purpose} of {id} does not open under vault key '{keyId}': it was changed, or sealed for another row.");

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex PurposeShape();
}
