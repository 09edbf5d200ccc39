using Xunit;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every end-to-end test class joins this collection: the package is packed once per run, and the tests run one
/// after another, because each dotnet build already uses both cores of the box.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PackagedFeedFixture>
{
    /// <summary>The collection name to put on test classes: <c>[Collection(EndToEndCollection.Name)]</c>.</summary>
    public const string Name = "EndToEnd";
}
