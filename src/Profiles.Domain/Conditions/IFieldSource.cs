namespace Profiles.Domain.Conditions;

/// <summary>Where a condition reads the fields of one customer.</summary>
public interface IFieldSource
{
    /// <summary>The value of <paramref name="field"/>, or <see cref="FieldValue.Missing"/>.</summary>
    FieldValue Get(string field);
}
