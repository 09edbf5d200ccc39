using System;
using System.Linq;
using Xunit;

namespace CrcBuildTools.Runtime.Tests;

public sealed class EmbeddedResourceSetTests
{
    [Fact]
    public void Real_embedded_resources_verify()
    {
        var set = new EmbeddedResourceSet(TestResources.Assembly, TestResources.RecordedAll());

        set.Verify();
        Assert.True(set.TryVerify(out var failures));
        Assert.Empty(failures);
        foreach (var (name, _) in TestResources.All)
        {
            set.Verify(name);
            Assert.True(set.TryVerify(name, out var failure));
            Assert.Null(failure);
        }
    }

    [Fact]
    public void Tampering_is_reported_for_every_failing_resource_and_only_those()
    {
        var recorded = TestResources.RecordedAll();
        var hello = recorded[0];
        var blob = recorded[1];
        var set = new EmbeddedResourceSet(TestResources.Assembly, new[]
        {
            new EmbeddedResourceChecksum(hello.Name, hello.Length, hello.Crc64 ^ 1), // wrong CRC
            new EmbeddedResourceChecksum(blob.Name, blob.Length + 1, blob.Crc64),   // wrong length
            recorded[2],                                                            // intact
            new EmbeddedResourceChecksum("Tests.missing.txt", 5, 42),                // missing
        });

        Assert.False(set.TryVerify(out var failures));
        Assert.Equal(new[] { hello.Name, blob.Name, "Tests.missing.txt" }, failures.Select(f => f.Name));

        var wrongCrc = failures[0];
        Assert.False(wrongCrc.IsMissing);
        Assert.Equal(hello.Crc64 ^ 1, wrongCrc.ExpectedCrc64);
        Assert.Equal(hello.Crc64, wrongCrc.ActualCrc64);
        Assert.Equal(hello.Length, wrongCrc.ActualLength);

        var wrongLength = failures[1];
        Assert.Equal(blob.Length + 1, wrongLength.ExpectedLength);
        Assert.Equal(blob.Length, wrongLength.ActualLength);

        var missing = failures[2];
        Assert.True(missing.IsMissing);
        Assert.Null(missing.ActualLength);
        Assert.Null(missing.ActualCrc64);

        var ex = Assert.Throws<EmbeddedResourceIntegrityException>(set.Verify);
        Assert.StartsWith("CRC2201:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Failures.Count);
        Assert.Contains($"'{hello.Name}': expected {hello.Length} bytes, CRC-64/XZ {hello.Crc64 ^ 1}; actual {hello.Length} bytes, CRC-64/XZ {hello.Crc64}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{blob.Name}': expected {blob.Length + 1} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Tests.missing.txt': missing from the assembly (expected 5 bytes, CRC-64/XZ 42)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(recorded[2].Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains(TestResources.Assembly.GetName().Name!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_resource_checks_use_exact_names()
    {
        var set = new EmbeddedResourceSet(TestResources.Assembly, TestResources.RecordedAll());

        // A suffix of a real name is not that resource.
        var ex = Assert.Throws<ArgumentException>(() => set.Verify("hello.txt"));
        Assert.Contains("CRC2202", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => set.TryVerify("TESTS.HELLO.TXT", out _));
        Assert.Null(set.Find("tests.hello.txt"));
        Assert.NotNull(set.Find("Tests.hello.txt"));
    }

    [Fact]
    public void Single_resource_failure_throws_naming_it()
    {
        var hello = TestResources.Recorded("Tests.hello.txt", "hello.txt");
        var set = new EmbeddedResourceSet(TestResources.Assembly, new[] { new EmbeddedResourceChecksum(hello.Name, hello.Length, 0) });

        var ex = Assert.Throws<EmbeddedResourceIntegrityException>(() => set.Verify(hello.Name));
        Assert.Equal(hello.Name, Assert.Single(ex.Failures).Name);
    }

    [Fact]
    public void Duplicate_and_null_entries_are_rejected()
    {
        var hello = TestResources.Recorded("Tests.hello.txt", "hello.txt");
        Assert.Throws<ArgumentException>(() => new EmbeddedResourceSet(TestResources.Assembly, new[] { hello, hello }));
        Assert.Throws<ArgumentNullException>(() => new EmbeddedResourceSet(TestResources.Assembly, new EmbeddedResourceChecksum[] { null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddedResourceChecksum("x", -1, 0));
        Assert.Throws<ArgumentException>(() => new EmbeddedResourceIntegrityException("A", Array.Empty<EmbeddedResourceFailure>()));
    }

    [Fact]
    public void Resources_list_cannot_be_modified_through_a_cast()
    {
        var set = new EmbeddedResourceSet(TestResources.Assembly, TestResources.RecordedAll());

        Assert.Equal(TestResources.All.Select(r => r.Name), set.Resources.Select(r => r.Name));
        Assert.False(set.Resources is EmbeddedResourceChecksum[]);
    }
}
