using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>
/// Decides which operation a request is, from its method, its sub-resources and the headers that change what it
/// means, or why the emulator does not implement it. Deliberately a whitelist: a request that is "almost" a PUT
/// (<c>PUT ?acl</c>, <c>PUT ?tagging</c>, a copy, an upload-part-copy) must never be served as one, because storing
/// its empty body would silently destroy the object a user's script meant to change.
/// </summary>
internal static class RequestClassifier
{
    private static readonly string[] ResponseOverrides =
    {
        "response-content-type", "response-content-language", "response-expires", "response-cache-control",
        "response-content-disposition", "response-content-encoding",
    };

    private static readonly string[] ListObjectsParameters = { "prefix", "delimiter", "marker", "max-keys", "encoding-type" };

    private static readonly string[] ListObjectsV2Parameters =
    {
        "list-type", "prefix", "delimiter", "continuation-token", "start-after", "max-keys", "fetch-owner", "encoding-type",
    };

    private static readonly string[] ListUploadsParameters = { "uploads", "prefix", "delimiter", "max-uploads", "key-marker", "upload-id-marker", "encoding-type" };

    private static readonly string[] ListPartsParameters = { "uploadId", "max-parts", "part-number-marker", "encoding-type" };

    public static ClassifiedRequest Classify(IncomingRequest request, EmulatorOptions options)
    {
        (ServiceOperation? operation, string[] allowed) = Operation(request, options);
        if (operation is null)
        {
            return ClassifiedRequest.Refuse(Describe(request) + " is not implemented by the emulator.");
        }

        string? extra = request.Query.Select(q => q.Key).FirstOrDefault(k => !allowed.Contains(k));
        if (extra is not null)
        {
            return ClassifiedRequest.Refuse($"The parameter '{extra}' on {Describe(request)} is not implemented by the emulator.");
        }

        string? unsupported = UnsupportedHeader(request, options);
        if (unsupported is not null)
        {
            return ClassifiedRequest.Refuse(unsupported + " is not implemented by the emulator.");
        }

        int? part = int.TryParse(request.QueryValue("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
        return new ClassifiedRequest(operation, StageOf(operation.Value), operation == ServiceOperation.UploadPart ? part : null, null);
    }

    private static (ServiceOperation?, string[]) Operation(IncomingRequest request, EmulatorOptions options)
    {
        bool has(string name) => request.HasQuery(name);
        string[] none = Array.Empty<string>();
        if (request.Key.Length == 0)
        {
            return request.Method switch
            {
                "GET" when has("uploads") => (ServiceOperation.ListMultipartUploads, ListUploadsParameters),
                "GET" when has("list-type") => options.Provider == EmulatedProvider.Oss && request.QueryValue("list-type") == "2"
                    ? (ServiceOperation.ListObjectsV2, ListObjectsV2Parameters)
                    : (null, none),
                "GET" => (ServiceOperation.ListObjects, ListObjectsParameters),
                "HEAD" => (ServiceOperation.HeadBucket, none),
                _ => (null, none),
            };
        }

        return request.Method switch
        {
            "PUT" when has("uploadId") || has("partNumber") => (ServiceOperation.UploadPart, new[] { "uploadId", "partNumber" }),
            "PUT" => (ServiceOperation.PutObject, none),
            "POST" when has("uploads") => (ServiceOperation.InitiateMultipartUpload, new[] { "uploads" }),
            "POST" when has("uploadId") => (ServiceOperation.CompleteMultipartUpload, new[] { "uploadId" }),
            "DELETE" when has("uploadId") => (ServiceOperation.AbortMultipartUpload, new[] { "uploadId" }),
            "DELETE" => (ServiceOperation.DeleteObject, none),
            "GET" when has("uploadId") => (ServiceOperation.ListParts, ListPartsParameters),
            "GET" => (ServiceOperation.GetObject, ResponseOverrides),
            "HEAD" => (ServiceOperation.HeadObject, none),
            _ => (null, none),
        };
    }

    /// <summary>Headers that turn a request into something else (a copy, an encrypted or archived object, a tag...).</summary>
    private static string? UnsupportedHeader(IncomingRequest request, EmulatorOptions options)
    {
        string p = options.HeaderPrefix;
        foreach ((string name, string value) in request.Headers)
        {
            if (!name.StartsWith(p, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = name.Substring(p.Length);
            string? feature = rest switch
            {
                "copy-source" or "copy-source-range" => "Copying (PUT Object - Copy, Upload Part - Copy)",
                _ when rest.StartsWith("server-side-encryption", StringComparison.Ordinal) => "Server-side encryption",
                "tagging" => "Object tagging",
                "callback" or "callback-var" => "Upload callbacks",
                "symlink-target" => "Symbolic links",
                "storage-class" when !value.Equals("standard", StringComparison.OrdinalIgnoreCase) => $"Storage class '{value}'",
                "acl" or "object-acl" when !AclMatchesBucket(value, options) => $"Object ACL '{value}' on a {(options.PublicRead ? "public-read" : "private")} emulated bucket",
                _ when rest.StartsWith("grant-", StringComparison.Ordinal) => "ACL grants",
                _ => null,
            };
            if (feature is not null)
            {
                return feature + $" ({name})";
            }
        }

        return null;
    }

    /// <summary>The emulator has one access rule for the whole bucket; an object ACL is accepted only when it says the same.</summary>
    private static bool AclMatchesBucket(string acl, EmulatorOptions options) =>
        acl.Equals("default", StringComparison.OrdinalIgnoreCase) ||
        acl.Equals(options.PublicRead ? "public-read" : "private", StringComparison.OrdinalIgnoreCase);

    private static FaultStage? StageOf(ServiceOperation operation) => operation switch
    {
        ServiceOperation.PutObject => FaultStage.Put,
        ServiceOperation.InitiateMultipartUpload => FaultStage.Initiate,
        ServiceOperation.UploadPart => FaultStage.Part,
        ServiceOperation.CompleteMultipartUpload => FaultStage.Complete,
        ServiceOperation.AbortMultipartUpload => FaultStage.Abort,
        ServiceOperation.ListParts => FaultStage.ListParts,
        ServiceOperation.HeadObject => FaultStage.Head,
        ServiceOperation.GetObject => FaultStage.Get,
        ServiceOperation.DeleteObject => FaultStage.Delete,
        ServiceOperation.ListObjects or ServiceOperation.ListObjectsV2 => FaultStage.ListObjects,
        ServiceOperation.ListMultipartUploads => FaultStage.ListUploads,
        _ => null,
    };

    private static string Describe(IncomingRequest request)
    {
        string query = string.Join("&", request.Query.Select(q => q.Key));
        return $"{request.Method} {(request.Key.Length == 0 ? "/" : "/" + request.Key)}{(query.Length > 0 ? "?" + query : "")}";
    }
}

/// <summary>The operation a request is (or the reason it is refused), and what fault rules can target it by.</summary>
internal sealed record ClassifiedRequest(ServiceOperation? Operation, FaultStage? Stage, int? PartNumber, string? NotImplemented)
{
    public static ClassifiedRequest Refuse(string reason) => new(null, null, null, reason);
}
