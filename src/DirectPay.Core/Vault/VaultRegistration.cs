using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DirectPay.Vault;

public static class VaultRegistration
{
    /// <summary>The vault on section "Vault", checked when the host starts so a missing or short key stops it at once.</summary>
    public static IHostApplicationBuilder AddVault(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VaultOptions>().BindConfiguration("Vault").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VaultOptions>, VaultOptionsValidator>();
        builder.Services.AddSingleton<VaultProtector>();
        return builder;
    }
}
