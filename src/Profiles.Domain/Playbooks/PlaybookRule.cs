namespace Profiles.Domain.Playbooks;

/// <summary>One line of the playbook: customers in <paramref name="Class"/> of <paramref name="Dimension"/> get this action.</summary>
/// <param name="Dimension">A dimension (<c>lifecycle</c>, <c>rfm</c>, …, or <c>segment:&lt;name&gt;</c>).</param>
/// <param name="Class">The class value within the dimension (compared ignoring case).</param>
/// <param name="Action">What to do, in words an agent or a campaign tool understands.</param>
/// <param name="Channel">How: email, phone, sms, push, in-app, account-manager, …</param>
/// <param name="Priority">0–100, higher first.</param>
public sealed record PlaybookRule(string Dimension, string Class, string Action, string Channel, int Priority);
