using System;
using System.Collections.Generic;
using System.Linq;
using CrcBuildTools.ObjectStorage.Signing;
using CrcBuildTools.Emulator.Signatures;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// Every vector of shared/reference/signing-vectors.md, checked against the client's signers AND the emulator's
/// independent verifiers: the emulator is only a trustworthy judge if it agrees with the vendors too.
/// </summary>
public sealed class SigningVectorTests
{
    private const string CosId = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
    private const string CosKey = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
    private const string CosHost = "examplebucket-1250000000.cos.ap-beijing.myqcloud.com";
    private const string CosPath = "/exampleobject(腾讯云)";

    private static readonly KeyValuePair<string, string>[] CosPutHeaders =
    {
        new("Date", "Thu, 16 May 2019 06:45:51 GMT"),
        new("Host", CosHost),
        new("Content-Type", "text/plain"),
        new("Content-Length", "13"),
        new("Content-MD5", "mQ/fVh815F3k6TAUm8m0eg=="),
        new("x-cos-acl", "private"),
        new("x-cos-grant-read", "uin=\"100000000011\""),
    };

    [Fact]
    public void Cos_vector1_put_every_step()
    {
        CosSignature signature = CosSigner.Compute(CosId, CosKey, "PUT", CosPath,
            Array.Empty<KeyValuePair<string, string?>>(), CosPutHeaders, "1557989151;1557996351");

        Assert.Equal("eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f", signature.SignKey);
        Assert.Equal("content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read", signature.HeaderList);
        Assert.Equal("", signature.ParameterList);
        Assert.Contains(
            "content-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22",
            signature.HttpString, StringComparison.Ordinal);
        Assert.Equal("8b2751e77f43a0995d6e9eb9477f4b685cca4172", signature.HttpStringSha1);
        Assert.Equal("3b8851a11a569213c17ba8fa7dcf2abec6935172", signature.Signature);
        Assert.Equal(
            "q-sign-algorithm=sha1&q-ak=" + CosId + "&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351" +
            "&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&q-url-param-list=" +
            "&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172",
            signature.Authorization);
    }

    [Fact]
    public void A_cos_signature_never_prints_its_derived_key_or_signature()
    {
        CosSignature signature = CosSigner.Compute(CosId, CosKey, "PUT", CosPath,
            Array.Empty<KeyValuePair<string, string?>>(), CosPutHeaders, "1557989151;1557996351");

        // ToString, string interpolation and a record's value equality printout all go through the override.
        foreach (string shown in new[] { signature.ToString(), $"{signature}", string.Format("{0}", signature) })
        {
            Assert.DoesNotContain(signature.SignKey, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(signature.Signature, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(CosKey, shown, StringComparison.Ordinal);
            Assert.Contains("not shown", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cos_vector2_get_with_parameters_every_step()
    {
        var parameters = new KeyValuePair<string, string?>[]
        {
            new("response-content-type", "application/octet-stream"),
            new("response-cache-control", "max-age=600"),
        };
        var headers = new KeyValuePair<string, string>[] { new("Date", "Thu, 16 May 2019 06:55:53 GMT"), new("Host", CosHost) };
        CosSignature signature = CosSigner.Compute(CosId, CosKey, "GET", CosPath, parameters, headers, "1557989753;1557996953");

        Assert.Equal("937914bf490e9e8c189836aad2052e4feeb35eaf", signature.SignKey);
        Assert.Equal("date;host", signature.HeaderList);
        Assert.Equal("response-cache-control;response-content-type", signature.ParameterList);
        Assert.Contains("\nresponse-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream\n", signature.HttpString, StringComparison.Ordinal);
        Assert.Equal("54ecfe22f59d3514fdc764b87a32d8133ea611e6", signature.HttpStringSha1);
        Assert.Equal("01681b8c9d798a678e43b685a9f1bba0f6c0e012", signature.Signature);
    }

    [Fact]
    public void Cos_vectors_on_the_emulator_verifier()
    {
        Assert.Equal("3b8851a11a569213c17ba8fa7dcf2abec6935172", CosSignatureCheck.ComputeSignature(CosKey, "PUT", CosPath,
            Array.Empty<(string, string)>(), CosPutHeaders.Select(h => (h.Key, h.Value)), "1557989151;1557996351"));
        Assert.Equal("01681b8c9d798a678e43b685a9f1bba0f6c0e012", CosSignatureCheck.ComputeSignature(CosKey, "GET", CosPath,
            new[] { ("response-content-type", "application/octet-stream"), ("response-cache-control", "max-age=600") },
            new[] { ("Date", "Thu, 16 May 2019 06:55:53 GMT"), ("Host", CosHost) }, "1557989753;1557996953"));
    }

    private static readonly KeyValuePair<string, string?>[] OssQuery =
    {
        new("+param1", "value3"), new("+param2", null), new("|param1", "value4"), new("|param2", null),
        new("param1", "value1"), new("param2", null),
    };

    private static KeyValuePair<string, string>[] OssHeaders(string dateTime) => new KeyValuePair<string, string>[]
    {
        new("Content-Type", "text/plain"), new("x-oss-head1", "value"), new("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        new("x-oss-date", dateTime), new("abc", "value"), new("ZAbc", "value"), new("XYZ", "value"),
    };

    [Fact]
    public void Oss_v4_vector_every_step()
    {
        OssV4Signature signature = OssV4Signer.Compute("ak", "sk", "cn-hangzhou", "bucket", "PUT", "1234+-/123/1.txt",
            OssQuery, OssHeaders("20231216T162057Z"), Array.Empty<string>(), "20231216T162057Z");

        Assert.Equal(
            "PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n" +
            "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
            signature.CanonicalRequest);
        Assert.Equal("f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4", signature.CanonicalRequestSha256);
        Assert.Equal("e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe", signature.Signature);
        Assert.Equal("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=" + signature.Signature,
            signature.Authorization);
    }

    [Fact]
    public void Oss_v4_vector_with_additional_headers()
    {
        OssV4Signature signature = OssV4Signer.Compute("ak", "sk", "cn-hangzhou", "bucket", "PUT", "1234+-/123/1.txt",
            OssQuery, OssHeaders("20231216T172512Z"), new[] { "ZAbc", "abc" }, "20231216T172512Z");

        Assert.EndsWith(
            "abc:value\ncontent-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T172512Z\nx-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD",
            signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f", signature.Signature);
        Assert.Contains(",AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f", signature.Authorization,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Oss_v4_vectors_on_the_emulator_verifier()
    {
        static IReadOnlyDictionary<string, string> Lower(KeyValuePair<string, string>[] headers) =>
            headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        Assert.Equal("e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe", OssV4SignatureCheck.ComputeSignature(
            "sk", "cn-hangzhou", "bucket", "PUT", "1234+-/123/1.txt", OssQuery, Lower(OssHeaders("20231216T162057Z")),
            Array.Empty<string>(), "20231216T162057Z"));
        Assert.Equal("4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f", OssV4SignatureCheck.ComputeSignature(
            "sk", "cn-hangzhou", "bucket", "PUT", "1234+-/123/1.txt", OssQuery, Lower(OssHeaders("20231216T172512Z")),
            new[] { "abc", "zabc" }, "20231216T172512Z"));
    }

    private static readonly KeyValuePair<string, string>[] OssV1Headers =
    {
        new("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="), new("Content-Type", "text/html"),
        new("Date", "Wed, 28 Dec 2022 10:27:41 GMT"), new("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"),
        new("x-oss-meta-author", "alice"), new("x-oss-meta-magic", "abracadabra"),
    };

    [Theory]
    [InlineData(false, "kSHKmLxlyEAKtZPkJhG9bZb5k7M=")]
    [InlineData(true, "/afkugFbmWDQ967j1vr6zygBLQk=")]
    public void Oss_v1_vectors(bool acl, string expected)
    {
        var query = acl ? new[] { new KeyValuePair<string, string?>("acl", null) } : Array.Empty<KeyValuePair<string, string?>>();
        string stringToSign = OssV1Signer.BuildStringToSign("PUT", "examplebucket", "nelson", query, OssV1Headers);

        Assert.Equal(
            "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n" +
            "x-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson" + (acl ? "?acl" : ""),
            stringToSign);
        Assert.Equal(expected, OssV1Signer.ComputeSignature("sk", stringToSign));
        Assert.Equal(expected, OssV1SignatureCheck.ComputeSignature("sk", "PUT", "examplebucket", "nelson", query,
            OssV1Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value)));
    }

    [Theory]
    [InlineData("a b.txt", "a%20b.txt")]
    [InlineData("dir/sub/x+y#z?.bin", "dir/sub/x%2By%23z%3F.bin")]
    [InlineData("100%.txt", "100%25.txt")]
    [InlineData("腾讯云/ü.txt", "%E8%85%BE%E8%AE%AF%E4%BA%91/%C3%BC.txt")]
    [InlineData("A-Z_a.z~0", "A-Z_a.z~0")]
    public void Object_keys_are_encoded_per_rfc3986_keeping_slashes(string key, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.EncodePath(key));
        Assert.Equal(encoded.Replace("/", "%2F", StringComparison.Ordinal), PercentEncoding.Encode(key));
        Assert.Equal(Uri.EscapeDataString(key), PercentEncoding.Encode(key));
    }
}
