namespace DirectPay.Vault;

/// <summary>What the vault stores for a value: the id of the key that sealed it, and nonce, ciphertext and tag in one array.</summary>
public sealed record Sealed(string KeyId, byte[] Ciphertext);
