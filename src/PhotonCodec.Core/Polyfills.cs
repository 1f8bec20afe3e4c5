#if NETSTANDARD2_0
// Lets init-only setters and records compile for netstandard2.0.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
#endif
