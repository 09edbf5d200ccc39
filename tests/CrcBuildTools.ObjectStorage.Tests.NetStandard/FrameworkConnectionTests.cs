using System;
using System.Net;
using CrcBuildTools.ObjectStorage;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// Only in the netstandard2.0 leg: the build Visual Studio's MSBuild runs must lift .NET Framework's
/// ServicePointManager limits for the storage endpoint (2 connections per host, Expect: 100-continue), and only for it.
/// ServicePointManager still exists on .NET, so the settings the netstandard2.0 build makes can be read back here.
/// </summary>
public sealed class FrameworkConnectionTests
{
#pragma warning disable SYSLIB0014 // ServicePointManager is what .NET Framework's HttpClient obeys; reading it back is the point.
    [Fact]
    public void The_endpoints_service_point_allows_the_parallelism_and_no_100_continue_while_others_keep_the_defaults()
    {
        var endpoint = new Uri("http://127.0.0.1:45731");
        var options = new ObjectStorageOptions
        {
            Provider = StorageProvider.Oss, Bucket = "release-bucket", Region = "cn-hangzhou", Endpoint = endpoint.ToString().TrimEnd('/'), Parallelism = 6,
        };

        using var client = new ObjectStorageClient(options, new StorageCredentials("id", "secret"));

        ServicePoint point = ServicePointManager.FindServicePoint(endpoint);
        Assert.True(point.ConnectionLimit >= 6, $"connection limit {point.ConnectionLimit}");
        Assert.False(point.Expect100Continue);
        ServicePoint other = ServicePointManager.FindServicePoint(new Uri("http://127.0.0.1:45732"));
        Assert.Equal(ServicePointManager.DefaultConnectionLimit, other.ConnectionLimit);
        Assert.Equal(ServicePointManager.Expect100Continue, other.Expect100Continue);
    }
#pragma warning restore SYSLIB0014
}
