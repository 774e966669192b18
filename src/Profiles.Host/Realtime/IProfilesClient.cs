using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;

namespace Profiles.Host.Realtime;

/// <summary>The messages the hub sends to clients; each method name is the message name on the wire.</summary>
public interface IProfilesClient
{
    /// <summary>A customer moved to another class in one dimension.</summary>
    Task ProfileChanged(ClassChange change);

    /// <summary>A customer was erased (GDPR): it left every class in <see cref="ProfileRemoval.Classes"/> and no longer exists.</summary>
    Task ProfileRemoved(ProfileRemoval removal);
}
