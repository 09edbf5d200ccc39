using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>
/// What the emulator recognises, and what it refuses with 501 before anything is read or stored. The data-loss
/// cases (PUT ?acl, PUT ?tagging, copies) were served as PUT Object and overwrote the object with an empty body.
/// </summary>
public sealed class RequestClassifierTests
{
    private static ClassifiedRequest Classify(string method, string target, EmulatedProvider provider = EmulatedProvider.Oss, bool publicRead = false,
        params (string Name, string Value)[] headers) =>
        RequestClassifier.Classify(IncomingRequest.FromRawTarget(method, target, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))),
            new EmulatorOptions { Provider = provider, PublicRead = publicRead });

    [Theory]
    [InlineData("PUT", "/k", "PutObject", "Put")]
    [InlineData("PUT", "/k?partNumber=3&uploadId=u", "UploadPart", "Part")]
    [InlineData("POST", "/k?uploads", "InitiateMultipartUpload", "Initiate")]
    [InlineData("POST", "/k?uploadId=u", "CompleteMultipartUpload", "Complete")]
    [InlineData("DELETE", "/k?uploadId=u", "AbortMultipartUpload", "Abort")]
    [InlineData("GET", "/k?uploadId=u&max-parts=2", "ListParts", "ListParts")]
    [InlineData("GET", "/k?response-content-type=text%2Fplain", "GetObject", "Get")]
    [InlineData("HEAD", "/k", "HeadObject", "Head")]
    [InlineData("DELETE", "/k", "DeleteObject", "Delete")]
    [InlineData("GET", "/?prefix=a%2F&marker=m&max-keys=5&delimiter=%2F", "ListObjects", "ListObjects")]
    [InlineData("GET", "/?list-type=2&continuation-token=t&fetch-owner=true", "ListObjectsV2", "ListObjects")]
    [InlineData("GET", "/?uploads&prefix=p&key-marker=k&upload-id-marker=u", "ListMultipartUploads", "ListUploads")]
    [InlineData("HEAD", "/", "HeadBucket", null)]
    public void Implemented_operations(string method, string target, string operation, string? stage)
    {
        ClassifiedRequest classified = Classify(method, target);
        Assert.Null(classified.NotImplemented);
        Assert.Equal(operation, classified.Operation.ToString());
        Assert.Equal(stage, classified.Stage?.ToString());
    }

    [Theory]
    [InlineData("PUT", "/k?acl")]
    [InlineData("PUT", "/k?tagging")]
    [InlineData("GET", "/k?acl")]
    [InlineData("POST", "/k?append&position=0")]
    [InlineData("POST", "/?delete")]
    [InlineData("PUT", "/k?symlink")]
    [InlineData("POST", "/k?restore")]
    [InlineData("GET", "/k?x-oss-process=image%2Fresize")]
    [InlineData("GET", "/k?versionId=1")]
    [InlineData("GET", "/k?OSSAccessKeyId=a&Expires=1&Signature=s")]
    [InlineData("PUT", "/")]
    [InlineData("GET", "/?location")]
    [InlineData("PATCH", "/k")]
    public void Unknown_sub_resources_and_methods_are_not_implemented(string method, string target)
    {
        ClassifiedRequest classified = Classify(method, target);
        Assert.Null(classified.Operation);
        Assert.Null(classified.Stage);
        Assert.Contains("not implemented by the emulator", classified.NotImplemented, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmulatedProvider.Oss, "x-oss-copy-source", "/b/src")]
    [InlineData(EmulatedProvider.Cos, "x-cos-copy-source", "b.cos.ap-guangzhou.myqcloud.com/src")]
    [InlineData(EmulatedProvider.Oss, "x-oss-server-side-encryption", "AES256")]
    [InlineData(EmulatedProvider.Cos, "x-cos-server-side-encryption", "AES256")]
    [InlineData(EmulatedProvider.Oss, "x-oss-tagging", "a=1")]
    [InlineData(EmulatedProvider.Oss, "x-oss-storage-class", "Archive")]
    [InlineData(EmulatedProvider.Cos, "x-cos-storage-class", "ARCHIVE")]
    [InlineData(EmulatedProvider.Oss, "x-oss-object-acl", "public-read")]
    [InlineData(EmulatedProvider.Cos, "x-cos-acl", "public-read")]
    [InlineData(EmulatedProvider.Cos, "x-cos-grant-read", "id=\"1\"")]
    [InlineData(EmulatedProvider.Oss, "x-oss-callback", "e30=")]
    public void Headers_that_change_what_a_put_means_are_not_implemented(EmulatedProvider provider, string header, string value)
    {
        Assert.NotNull(Classify("PUT", "/k", provider, false, (header, value)).NotImplemented);
        Assert.NotNull(Classify("PUT", "/k?partNumber=1&uploadId=u", provider, false, (header, value)).NotImplemented);
    }

    [Theory]
    [InlineData(EmulatedProvider.Oss, "x-oss-storage-class", "Standard", false)]
    [InlineData(EmulatedProvider.Cos, "x-cos-storage-class", "STANDARD", false)]
    [InlineData(EmulatedProvider.Cos, "x-cos-acl", "private", false)]
    [InlineData(EmulatedProvider.Oss, "x-oss-object-acl", "default", false)]
    [InlineData(EmulatedProvider.Oss, "x-oss-object-acl", "public-read", true)]
    [InlineData(EmulatedProvider.Oss, "x-oss-meta-release", "1.0", false)]
    [InlineData(EmulatedProvider.Oss, "x-oss-forbid-overwrite", "true", false)]
    public void Headers_that_say_what_the_emulated_bucket_already_is_are_accepted(EmulatedProvider provider, string header, string value, bool publicRead)
    {
        Assert.Null(Classify("PUT", "/k", provider, publicRead, (header, value)).NotImplemented);
    }

    [Fact]
    public void ListObjectsV2_is_an_oss_dialect()
    {
        Assert.Equal(ServiceOperation.ListObjectsV2, Classify("GET", "/?list-type=2", EmulatedProvider.Oss).Operation);
        Assert.NotNull(Classify("GET", "/?list-type=2", EmulatedProvider.Cos).NotImplemented);
        Assert.NotNull(Classify("GET", "/?list-type=1", EmulatedProvider.Oss).NotImplemented);
    }
}
