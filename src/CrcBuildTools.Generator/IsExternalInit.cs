namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile records (the value-equatable pipeline models); the runtime never looks at it.</summary>
internal static class IsExternalInit
{
}
