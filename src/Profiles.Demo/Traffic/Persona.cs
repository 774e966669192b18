namespace Profiles.Demo.Traffic;

/// <summary>What kind of customer a demo customer is made to be, so that every class of the dashboard has some.</summary>
public enum Persona
{
    Prospect,
    Newcomer,
    Regular,
    Champion,
    Dormant,
    Churned,
    Unhappy,
    Refunder,
}
