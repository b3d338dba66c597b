using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DirectPay.Vault;

/// <summary>The vault's keys (section "Vault"): each secret by its id, and the id new rows are sealed under.</summary>
public sealed partial class VaultOptions
{
    public const int MinSecretLength = 32;

    /// <summary>Vault:Keys:&lt;keyId&gt; = the secret (an AppHost secret parameter); old ids stay until their rows are re-sealed.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
    public string CurrentKeyId { get; set; } = "";

    /// <summary>What is wrong with the settings, naming ids and never a secret.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(CurrentKeyId))
            yield return "Vault:CurrentKeyId is missing: run DirectPay through its AppHost (dotnet run --project src/DirectPay.AppHost).";
        else if (!Keys.ContainsKey(CurrentKeyId))
            yield return $"Vault:CurrentKeyId is '{CurrentKeyId}', but Vault:Keys:{CurrentKeyId} is not set.";
        foreach (var (id, secret) in Keys)
        {
            if (!KeyIdShape().IsMatch(id)) yield return $"Vault key id '{id}' is not 1-32 letters, digits, '-' or '_'.";
            if ((secret?.Length ?? 0) < MinSecretLength) yield return $"Vault:Keys:{id} is shorter than {MinSecretLength} characters.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdShape();
}

/// <summary>Refuses to start with keys that would fail the first write or read, before anything is stored.</summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultOptions>
{
    public ValidateOptionsResult Validate(string? name, VaultOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
