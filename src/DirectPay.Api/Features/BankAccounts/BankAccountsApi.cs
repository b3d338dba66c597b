namespace DirectPay.Api.Features.BankAccounts;

public static class BankAccountsApi
{
    public static RouteGroupBuilder MapBankAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/bank-accounts").WithTags("Bank accounts");
        accounts.MapPost("/", AddBankAccount.Handle).WithSummary("Connect one of your bank accounts (stored tokenized)");
        accounts.MapGet("/{id:guid}", GetBankAccount.Handle).WithSummary("One of your bank accounts");
        accounts.MapGet("/user/{userId:guid}", ListUserBankAccounts.Handle).WithSummary("A user's bank accounts (yours, or any for an admin)");
        accounts.MapPatch("/{id:guid}/set-primary", SetPrimaryBankAccount.Handle).WithSummary("Make an active account your primary one");
        accounts.MapPatch("/{id:guid}/deactivate", DeactivateBankAccount.Handle).WithSummary("Deactivate an account; another active one becomes primary");
        return api;
    }
}
