namespace DirectPay.Banking.Nacha;

/// <summary>The one error reading a NACHA file can end in: which line, which field, and what is wrong with it.</summary>
public sealed class NachaFormatException(int line, string field, string problem)
    : FormatException($"Line {line}, {field}: {problem}")
{
    public int Line { get; } = line;
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
