using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>--json</c>: one JSON document on stdout per command, written with <see cref="Utf8JsonWriter"/> (no reflection,
/// so the single-file native build stays trim- and AOT-clean). CRC-64 values are decimal strings, as in manifests.
/// </summary>
internal static class JsonOutput
{
    public static void Write(TextWriter stdout, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void Error(Utf8JsonWriter json, ObjectStorageException error)
    {
        json.WriteStartObject("error");
        json.WriteString("code", error.Code);
        json.WriteString("message", error.Message);
        Optional(json, "objectKey", error.ObjectKey);
        Optional(json, "file", error.FilePath);
        Optional(json, "requestId", error.RequestId);
        json.WriteEndObject();
    }

    public static void Crc(Utf8JsonWriter json, string name, ulong? crc)
    {
        if (crc is ulong value)
        {
            json.WriteString(name, Crc64XzFormat.ToDecimalString(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
