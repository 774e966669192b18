namespace Profiles.Demo.Traffic;

/// <summary>One generated customer and what the generator must remember of it: its orders and open tickets, to refund and resolve.</summary>
public sealed class DemoCustomer(string id, Persona persona, int place)
{
    public string Id { get; } = id;

    /// <summary>Changes when a prospect, dormant or churned customer orders again (a new buyer, a reactivation).</summary>
    public Persona Persona { get; set; } = persona;

    /// <summary>Index of the customer's city and country.</summary>
    public int Place { get; } = place;

    public List<string> Orders { get; } = [];

    public List<string> OpenTickets { get; } = [];

    public int Tickets { get; set; }
}
