namespace Profiles.Grains.Privacy;

/// <summary>Something of this silo that must forget an erased customer the moment its erasure is done (a cache of its identities).</summary>
public interface IErasureListener
{
    /// <summary>The customer was erased on this silo.</summary>
    void Erased(string customerId);
}
