namespace DirectPay.Domain;

public enum UserRole { Landlord, Renter, Admin }

public sealed class User
{
    private User() { }

    public User(Guid id, string email, string fullName, UserRole role)
    {
        Id = id;
        Email = NormalizeEmail(email);
        FullName = fullName.Trim();
        Role = role;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    /// <summary>Stored lower-cased so the unique index is case-insensitive.</summary>
    public string Email { get; private set; } = "";
    public string FullName { get; private set; } = "";
    public UserRole Role { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    /// <summary>The account is closed: no sign-in, no tokens; what it did stays on the books.</summary>
    public void Deactivate() => IsActive = false;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
