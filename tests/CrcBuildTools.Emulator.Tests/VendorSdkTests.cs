using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>
/// The emulator as the vendors' own clients see it: every operation driven by ali-oss (V1 and V4) and
/// cos-nodejs-sdk-v5, and what they report compared with values computed here from the stored bytes (MD5 ETag
/// forms, CRC-64 by the engine and by xz) and with the store itself. The SDKs decide the wire format; we decide
/// only what the right answer is.
/// </summary>
public sealed class VendorSdkTests
{
    public static TheoryData<SdkTarget> AllTargets => new() { SdkTarget.Cos, SdkTarget.OssV1, SdkTarget.OssV4 };

    private static async Task<(StorageEmulatorServer Server, JsonElement Result)> RunAsync(SdkTarget target, string scenario, bool publicRead = false)
    {
        bool cos = target == SdkTarget.Cos;
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = cos ? EmulatedProvider.Cos : EmulatedProvider.Oss,
            Bucket = cos ? "sdk-1250000000" : "sdk-bucket",
            Region = cos ? "ap-guangzhou" : "cn-hangzhou",
            AccessKeyId = cos ? "AKIDsdkTestKey0123456789" : "LTAIsdkTestKey0123",
            Secret = "sdk-test-secret-0f8fad5bd9cb469f",
            PublicRead = publicRead,
        });
        await server.StartAsync();
        try
        {
            return (server, await NodeSdk.RunAsync(server, target, scenario));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Put_head_and_get_carry_md5_etag_crc_header_last_modified_and_metadata(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "put-head-get");
        await using var _ = server;
        StoredObject stored = server.Store.Get("sdk/put.bin")!;

        Assert.Equal(Md5Hex(stored.Bytes!), Str(r, "sentMd5"));
        Assert.Equal(Str(r, "sentMd5"), Str(r, "getMd5"));
        string etag = SinglePutETag(stored.Bytes!, target);
        Assert.Equal(etag, Str(r, "putETag"));
        Assert.Equal(etag, Str(r, "headETag"));
        string crc = Crc64XzFormat.ToDecimalString(XzCrc(stored.Bytes!));
        Assert.Equal(crc, Str(r, "putCrc"));
        Assert.Equal(crc, Str(r, "headCrc"));
        Assert.Equal(crc, Str(r, "getCrc"));
        Assert.Equal("5000", Str(r, "headLength"));
        Assert.Equal("application/x-test", Str(r, "headType"));
        Assert.Equal(target == SdkTarget.Cos ? "cos-sdk" : "ali-oss", r.GetProperty("headMeta").GetProperty("origin").GetString());
        DateTimeOffset lastModified = DateTimeOffset.ParseExact(Str(r, "lastModified"), "r", CultureInfo.InvariantCulture);
        Assert.Equal(stored.LastModified, lastModified);
        Assert.InRange(lastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Ranged_get_answers_206_with_content_range_and_the_whole_objects_crc(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "range");
        await using var _ = server;
        string wholeCrc = Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(server.Store.Get("sdk/range.bin")!.Bytes!));

        Assert.Equal(206, Int(r, "rangedStatus"));
        Assert.Equal("bytes 100-199/1000", Str(r, "rangedContentRange"));
        Assert.Equal(Str(r, "expectedRangeMd5"), Str(r, "rangedMd5"));
        Assert.Equal(wholeCrc, Str(r, "fullCrc"));
        Assert.Equal(wholeCrc, Str(r, "rangedCrc"));
        if (target == SdkTarget.Cos)
        {
            Assert.Equal(206, Int(r, "endPastStatus"));
            Assert.Equal("bytes 500-999/1000", Str(r, "endPastContentRange"));
            Assert.Equal(500, Int(r, "endPastLength"));
            AssertServiceError(r.GetProperty("startPast"), 416, "InvalidRange");
        }
        else
        {
            // OSS without x-oss-range-behavior: standard ignores a range that leaves the object, with 200 and all of it.
            Assert.Equal(200, Int(r, "endPastStatus"));
            Assert.Equal(1000, Int(r, "endPastLength"));
            Assert.Equal(200, Int(r, "startPastStatus"));
            Assert.Equal(1000, Int(r, "startPastLength"));
            Assert.Equal(206, Int(r, "endPastStandardStatus"));
            Assert.Equal("bytes 500-999/1000", Str(r, "endPastStandardContentRange"));
            AssertServiceError(r.GetProperty("startPastStandard"), 416, "InvalidRange");
        }
    }

    [Fact]
    public async Task Cos_sdk_parallel_download_accepts_the_ranges_because_each_carries_the_whole_objects_crc()
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(SdkTarget.Cos, "download-file");
        await using var _ = server;

        Assert.Equal(Str(r, "sentMd5"), Str(r, "downloadedMd5"));
        Assert.True(server.Requests.Count(q => q.Stage == FaultStage.Get && q.Status == 206) >= 4, "downloadFile should have fetched 1 MiB ranges");
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Conditional_get_and_head_answer_412_and_304(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "conditional");
        await using var _ = server;

        Assert.Equal(server.Store.Get("sdk/conditional.bin")!.ETag, Str(r, "etag"));
        Assert.Equal(200, Int(r, "matchStatus"));
        AssertServiceError(r.GetProperty("mismatch"), 412, "PreconditionFailed");
        AssertServiceError(r.GetProperty("unmodifiedPast"), 412, "PreconditionFailed");
        Assert.Equal(304, Int(r.GetProperty("notModified"), "status"));
        Assert.Equal(304, Int(r.GetProperty("headNotModified"), "status"));
        JsonElement sinceFuture = r.GetProperty("sinceFuture");
        Assert.True(target == SdkTarget.Cos ? sinceFuture.GetProperty("notModified").GetBoolean() : Int(sinceFuture, "status") == 304,
            "If-Modified-Since in the future must answer 304: " + sinceFuture);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Multipart_upload_lists_parts_and_completes_with_the_multipart_etag_and_combined_crc(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "multipart");
        await using var _ = server;
        StoredObject stored = server.Store.Get("sdk/multi.bin")!;
        int part1Length = target == SdkTarget.Cos ? 1024 * 1024 + 100 : 120 * 1024;
        byte[] part1 = stored.Bytes![..part1Length];
        byte[] part2 = stored.Bytes![part1Length..];

        Assert.Equal(Str(r, "sentMd5"), Str(r, "getMd5"));
        Assert.Equal(Md5Hex(stored.Bytes!), Str(r, "sentMd5"));
        Assert.Equal(SinglePutETag(part1, target), Str(r, "part1ETag"));
        Assert.Equal(SinglePutETag(part2, target), Str(r, "part2ETag"));
        Assert.Equal(Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(part1)), Str(r, "part1Crc"));
        Assert.Equal(Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(part2)), Str(r, "part2Crc"));
        JsonElement[] listed = r.GetProperty("listedParts").EnumerateArray().ToArray();
        Assert.Equal(new long[] { 1, 2 }, listed.Select(p => Int(p, "number")));
        Assert.Equal(new long[] { part1.Length, part2.Length }, listed.Select(p => Int(p, "size")));
        Assert.Equal(new[] { Str(r, "part1ETag"), Str(r, "part2ETag") }, listed.Select(p => Str(p, "etag")));
        if (target == SdkTarget.Cos)
        {
            Assert.All(listed, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("crc").ValueKind));
        }
        else
        {
            Assert.Equal(new[] { Str(r, "part1Crc"), Str(r, "part2Crc") }, listed.Select(p => Str(p, "crc")));
            Assert.Equal("Multipart", Str(r, "objectType"));
        }

        string multipartETag = MultipartETag(target, part1, part2);
        Assert.Equal(multipartETag, Str(r, "completeETag"));
        Assert.Equal(multipartETag, Str(r, "headETag"));
        string crc = Crc64XzFormat.ToDecimalString(XzCrc(stored.Bytes!));
        Assert.Equal(crc, Str(r, "completeCrc"));
        Assert.Equal(crc, Str(r, "headCrc"));

        // What Initiate carried (the content type and the "started by this tool" marker) is on the object.
        Assert.Equal("application/x-multi", Str(r, "headType"));
        Assert.Equal("crcbuildtools", r.GetProperty("headMeta").GetProperty("marker").GetString());
        Assert.Contains(r.GetProperty("openUploads").EnumerateArray(), u => Str(u, "uploadId") == Str(r, "uploadId") && Str(u, "name") == "sdk/multi.bin");
        Assert.Equal(2, stored.PartCount);
        Assert.Empty(server.Store.Uploads);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task The_sdks_own_parallel_multipart_upload_lands_verified(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "managed-multipart");
        await using var _ = server;
        StoredObject stored = server.Store.Get("sdk/managed.bin")!;

        Assert.Equal(200, Int(r, "status"));
        Assert.Equal(Md5Hex(stored.Bytes!), Str(r, "sentMd5"));
        Assert.Equal(stored.Length, Int(r, "length"));
        Assert.Equal(Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(stored.Bytes!)), Str(r, "headCrc"));
        Assert.EndsWith("-4\"", Str(r, "headETag"), StringComparison.Ordinal);
        Assert.Empty(server.Store.Uploads);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Abort_removes_the_upload_and_a_second_abort_is_NoSuchUpload(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "abort");
        await using var _ = server;

        Assert.Equal(204, Int(r, "abortStatus"));
        AssertServiceError(r.GetProperty("again"), 404, "NoSuchUpload");
        Assert.Equal(0, Int(r, "remaining"));
        Assert.Empty(server.Store.Uploads);
        Assert.Null(server.Store.Get("sdk/aborted.bin"));
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Listing_pages_by_marker_and_continuation_token_and_rolls_up_common_prefixes(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "list");
        await using var _ = server;
        string[][] expectedPages = { new[] { "list/a.txt", "list/b/1.txt" }, new[] { "list/b/2.txt", "list/c.txt" }, new[] { "list/d e+f.txt" } };

        Assert.Equal(expectedPages, Pages(r.GetProperty("v1Pages")));
        Assert.Equal(new[] { "list/a.txt", "list/c.txt", "list/d e+f.txt" }, Strings(r.GetProperty("delimitedKeys")));
        Assert.Equal(new[] { "list/b/" }, Strings(r.GetProperty("delimitedPrefixes")));
        StoredObject first = server.Store.Get("list/a.txt")!;
        Assert.Equal(first.ETag, Str(r, "firstETag"));
        Assert.Equal(10, Int(r, "firstSize"));
        Assert.Equal(first.LastModified, DateTimeOffset.Parse(Str(r, "firstLastModified"), CultureInfo.InvariantCulture));
        if (target == SdkTarget.Cos)
        {
            AssertServiceError(r.GetProperty("v2"), 501, "NotImplemented");
        }
        else
        {
            Assert.Equal(expectedPages, Pages(r.GetProperty("v2Pages")));
        }
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task ListMultipartUploads_shows_key_upload_id_and_initiation_time_under_a_prefix_in_pages(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "list-uploads");
        await using var _ = server;
        string[] ids = Strings(r.GetProperty("ids"));
        JsonElement[] all = r.GetProperty("all").EnumerateArray().ToArray();

        Assert.Equal(new[] { "pending/a.bin", "pending/b.bin" }, all.Select(u => Str(u, "name")));
        Assert.Equal(ids[..2], all.Select(u => Str(u, "uploadId")));
        foreach (JsonElement upload in all)
        {
            DateTimeOffset initiated = DateTimeOffset.Parse(Str(upload, "initiated"), CultureInfo.InvariantCulture);
            Assert.Equal(server.Store.Uploads.Single(u => u.UploadId == Str(upload, "uploadId")).Initiated, initiated);
        }

        Assert.Equal(new[] { ids[0] }, r.GetProperty("page1").EnumerateArray().Select(u => Str(u, "uploadId")));
        Assert.True(r.GetProperty("page1Truncated").GetBoolean());
        Assert.Equal(new[] { ids[1] }, r.GetProperty("page2").EnumerateArray().Select(u => Str(u, "uploadId")));

        // The marker given at Initiate is kept with the upload (and reaches the object at Complete).
        string header = (target == SdkTarget.Cos ? "x-cos-" : "x-oss-") + "meta-marker";
        Assert.Equal("crcbuildtools", server.Store.Uploads.Single(u => u.UploadId == ids[0]).Headers[header]);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Delete_answers_204_and_again_204_for_a_missing_key(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "delete");
        await using var _ = server;

        Assert.Equal(204, Int(r, "deleteStatus"));
        Assert.Equal(404, Int(r.GetProperty("headAfter"), "status"));
        Assert.Equal(204, Int(r, "deleteAgainStatus"));
        Assert.Null(server.Store.Get("sdk/doomed.bin"));
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task A_body_that_does_not_match_its_content_md5_is_refused_and_not_stored(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "content-md5");
        await using var _ = server;

        Assert.Equal(200, Int(r, "goodStatus"));
        AssertServiceError(r.GetProperty("wrong"), 400, target == SdkTarget.Cos ? "BadDigest" : "InvalidDigest");
        AssertServiceError(r.GetProperty("malformed"), 400, "InvalidDigest");
        Assert.NotNull(server.Store.Get("sdk/md5.bin"));
        Assert.Null(server.Store.Get("sdk/md5-wrong.bin"));
        Assert.Null(server.Store.Get("sdk/md5-bad.bin"));
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task Requests_the_emulator_does_not_implement_are_refused_with_501_and_change_nothing(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "not-implemented");
        await using var _ = server;

        foreach (string operation in new[] { "acl", "tagging", "copy", "copyFrom", "partCopy", "deleteMulti", "append", "getAcl" })
        {
            AssertServiceError(r.GetProperty(operation), 501, "NotImplemented", operation);
        }

        StoredObject kept = server.Store.Get("sdk/keep.bin")!;
        Assert.Equal(Str(r, "sentMd5"), Md5Hex(kept.Bytes!));
        Assert.Equal(Str(r, "sentMd5"), Str(r, "keptMd5"));
        Assert.Equal(new[] { "sdk/keep.bin" }, server.Store.Objects.Select(o => o.Key));
        Assert.Empty(server.Store.Uploads.Single().Parts);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch_and_nothing_is_stored(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "wrong-secret");
        await using var _ = server;

        AssertServiceError(r.GetProperty("put"), 403, "SignatureDoesNotMatch");
        Assert.Equal(403, Int(r.GetProperty("head"), "status"));
        Assert.Empty(server.Store.Objects);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public async Task A_public_read_bucket_serves_unsigned_get_and_head_at_the_sdks_unsigned_url_and_nothing_else(SdkTarget target)
    {
        (StorageEmulatorServer server, JsonElement r) = await RunAsync(target, "anonymous", publicRead: true);
        await using var _ = server;
        StoredObject stored = server.Store.Get("sdk/public.bin")!;
        string crc = Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(stored.Bytes!));

        Assert.DoesNotContain("Signature", Str(r, "url"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, Int(r, "getStatus"));
        Assert.Equal(Md5Hex(stored.Bytes!), Str(r, "getMd5"));
        Assert.Equal(crc, Str(r, "getCrc"));
        Assert.Equal(stored.ETag, Str(r, "getETag"));
        Assert.Equal(206, Int(r, "rangeStatus"));
        Assert.Equal(crc, Str(r, "rangeCrc"));
        Assert.Equal(200, Int(r, "headStatus"));
        Assert.Equal(crc, Str(r, "headCrc"));
        Assert.Equal(403, Int(r, "putStatus"));
        Assert.Equal(403, Int(r, "listStatus"));
        Assert.Equal(403, Int(r, "wrongSignatureStatus"));
        Assert.Equal(new[] { "sdk/public.bin" }, server.Store.Objects.Select(o => o.Key));
    }

    private static string SinglePutETag(byte[] bytes, SdkTarget target) => Quote(Hex(MD5.HashData(bytes), target));

    private static string MultipartETag(SdkTarget target, params byte[][] parts) =>
        Quote(Hex(MD5.HashData(parts.SelectMany(p => MD5.HashData(p)).ToArray()), target) + "-" + parts.Length.ToString(CultureInfo.InvariantCulture));

    private static string Hex(byte[] md5, SdkTarget target) => target == SdkTarget.Cos ? Convert.ToHexStringLower(md5) : Convert.ToHexString(md5);

    private static string Quote(string value) => "\"" + value + "\"";

    private static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>The CRC-64/XZ of the stored bytes by xz itself, the oracle independent of our engine.</summary>
    private static ulong XzCrc(byte[] bytes)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "object.bin");
        File.WriteAllBytes(path, bytes);
        return XzOracle.Crc64(path);
    }

    private static void AssertServiceError(JsonElement error, int status, string code, string? what = null)
    {
        Assert.True(Int(error, "status") == status && error.TryGetProperty("code", out JsonElement c) && c.GetString() == code,
            $"{what ?? "request"}: expected {status} {code}, the SDK saw {error}");
        Assert.StartsWith("EMU", Str(error, "requestId"), StringComparison.Ordinal);
    }

    private static string Str(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static long Int(JsonElement element, string name) => element.GetProperty(name).GetInt64();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[][] Pages(JsonElement pages) => pages.EnumerateArray().Select(Strings).ToArray();
}
