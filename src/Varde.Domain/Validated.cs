namespace Varde.Domain;

/// <summary>Either a value that passed the domain's rules, or the errors explaining why it did not.</summary>
public sealed class Validated<T>
    where T : notnull
{
    private readonly T? _value;

    private Validated(T? value, IReadOnlyList<ValidationError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    public T Value => IsValid ? _value! : throw new InvalidOperationException("No value: the input was invalid.");

    public static Validated<T> Ok(T value) => new(value, []);

    public static Validated<T> Fail(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("At least one error is required.", nameof(errors)) : new(default, errors);

    public static Validated<T> Fail(string field, string message) => Fail([new ValidationError(field, message)]);

    public IDictionary<string, string[]> ErrorsByField() => ValidationError.ByField(Errors);
}
