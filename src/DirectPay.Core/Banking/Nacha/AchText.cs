using System.Text;

namespace DirectPay.Banking.Nacha;

/// <summary>Turns a name into what a NACHA field holds: upper-case printable ASCII, accents dropped, cut to the field.</summary>
public static class AchText
{
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ";
    private const string Plain = "AAAAAACEEEEIIIINOOOOOOUUUUY";

    public static string Field(string value, int length)
    {
        var text = new StringBuilder(Math.Min(value.Length, length));
        foreach (var c in value.ToUpperInvariant())
        {
            if (text.Length == length) break;
            var index = Accented.IndexOf(c);
            if (index >= 0) text.Append(Plain[index]);
            else if (c is >= ' ' and <= '~') text.Append(c);
            else if (char.IsWhiteSpace(c)) text.Append(' ');
        }
        return text.ToString().TrimEnd();
    }
}
