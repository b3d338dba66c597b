namespace DirectPay.Api.Features.BankAccounts;

public static class BankAccountsApi
{
    public static RouteGroupBuilder MapBankAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/bank-accounts").WithTags("Bank accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        accounts.MapPost("/", AddBankAccount.Handle).WithSummary("Connect one of your bank accounts (its number sealed in the vault)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/{id:guid}", GetBankAccount.Handle).WithSummary("One of your bank accounts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/user/{userId:guid}", ListUserBankAccounts.Handle).WithSummary("A user's bank accounts (yours, or any for an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPatch("/{id:guid}/set-primary", SetPrimaryBankAccount.Handle).WithSummary("Make an active account your primary one")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapPut("/{id:guid}/account-number", SetAccountNumber.Handle)
            .WithSummary("Enter an account's full number again (needed for accounts added before the vault)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapPatch("/{id:guid}/deactivate", DeactivateBankAccount.Handle).WithSummary("Deactivate an account; another active one becomes primary")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
