namespace DirectPay.Vault;

/// <summary>A sealed value the vault cannot open: its key is not configured, or the bytes are not what it sealed for that row.</summary>
public sealed class VaultException(string message) : Exception(message);
