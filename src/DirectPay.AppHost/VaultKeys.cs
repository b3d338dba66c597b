namespace DirectPay.AppHost;

/// <summary>
/// The vault's keys as the services read them: Vault:Keys:&lt;id&gt; and Vault:CurrentKeyId. A rotation adds a parameter
/// under a new id and makes it current, keeping the old one until every row is sealed again (ADR 0015).
/// </summary>
internal static class VaultKeys
{
    public const string CurrentKeyId = "k1";

    public static IResourceBuilder<ProjectResource> WithVaultKeys(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ParameterResource> currentKey) => service
        .WithEnvironment($"Vault__Keys__{CurrentKeyId}", currentKey)
        .WithEnvironment("Vault__CurrentKeyId", CurrentKeyId);
}
