using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

/// <summary>
/// The hand-written streaming JSON reader under the manifest reader, against <see cref="Utf8JsonReader"/> as the
/// oracle, on thousands of seeded mutations of real manifests. Where the JSON grammar decides, the two agree: what the
/// oracle refuses is refused (CRC1004), and nothing the oracle accepts is called "not valid JSON" unless it is one of
/// the reader's own deliberate refusals (a property twice in one object, a number with absurdly many digits). What
/// the oracle accepts may still be refused by the manifest schema; that is ours to decide.
/// </summary>
public sealed class JsonReaderDifferentialTests
{
    private const int MutationsPerSeed = 2500;

    // Bytes that change the grammar's mind: structure, quotes and escapes, number and literal characters, whitespace,
    // controls, and the edges of UTF-8 (a lone continuation byte, an overlong lead, a surrogate's encoding, 0xFF).
    private static readonly byte[] Interesting =
        "{}[],:\"\\/0123456789-+.eEtrufalsn \n\r\tx"u8.ToArray().Concat(new byte[] { 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xFF }).ToArray();

    private static readonly string[] OursOnlyRefusals = { "appears twice in the same object", "a number has too many digits" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Accept_and_reject_agree_with_Utf8JsonReader_where_the_grammar_decides(int seed)
    {
        var random = new Random(seed);
        byte[] original = SampleManifest(random);
        Assert.True(OracleAccepts(original));
        Assert.Null(OursRefusal(original));

        int oracleRefused = 0, schemaRefused = 0, accepted = 0;
        var disagreements = new List<string>();
        for (int i = 0; i < MutationsPerSeed; i++)
        {
            byte[] mutated = Mutate(original, random, 1 + random.Next(3));
            bool oracle = OracleAccepts(mutated);
            string? refusal = OursRefusal(mutated);
            bool oursSaysGrammar = refusal is not null && (refusal.Contains("is not valid JSON", StringComparison.Ordinal) || refusal.Contains("not valid UTF-8", StringComparison.Ordinal));

            if (!oracle && refusal is null)
            {
                disagreements.Add("accepted what Utf8JsonReader refuses: " + Show(mutated));
            }
            else if (oracle && oursSaysGrammar && !OursOnlyRefusals.Any(r => refusal!.Contains(r, StringComparison.Ordinal)))
            {
                disagreements.Add("called valid JSON invalid (" + refusal + "): " + Show(mutated));
            }

            if (!oracle)
            {
                oracleRefused++;
            }
            else if (refusal is not null)
            {
                schemaRefused++;
            }
            else
            {
                accepted++;
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(10)));
        // The mutations reach every verdict, so the agreement is not vacuous.
        Assert.True(oracleRefused > MutationsPerSeed / 10, $"only {oracleRefused} grammar refusals");
        Assert.True(schemaRefused > 10, $"only {schemaRefused} schema refusals");
        Assert.True(accepted > 10, $"only {accepted} accepted mutations");
    }

    [Theory]
    [InlineData("{\"schema\":\"a\",\"schema\":\"b\"}", "appears twice")]
    [InlineData("{\"files\":[{\"path\":\"a\",\"path\":\"b\",\"length\":1,\"crc64\":\"1\"}]}", "appears twice")]
    public void Duplicate_keys_are_ours_to_refuse_although_the_grammar_allows_them(string json, string reason)
    {
        Assert.True(OracleAccepts(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, OursRefusal(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Utf8JsonReader with the grammar of RFC 8259 (no comments, no trailing commas), every string decoded so that
    /// invalid UTF-8 and unpaired surrogate escapes count as refusals. The reader's one tolerance, a leading UTF-8
    /// byte order mark, is stripped first.
    /// </summary>
    private static bool OracleAccepts(byte[] utf8)
    {
        ReadOnlySpan<byte> span = utf8;
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            span = span.Slice(3);
        }

        try
        {
            var reader = new Utf8JsonReader(span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 256 });
            int tokens = 0;
            while (reader.Read())
            {
                tokens++;
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            // A whole document (isFinalBlock): text after the one value, or none at all, already threw.
            return tokens > 0;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // GetString: invalid UTF-8 or an unpaired surrogate escape
        }
    }

    /// <summary>Null when the manifest reader accepts; else its message (always CRC1004).</summary>
    private static string? OursRefusal(byte[] utf8)
    {
        try
        {
            Crc64ManifestReader.Parse(utf8, "fuzz.json");
            return null;
        }
        catch (Crc64ManifestException e)
        {
            Assert.Equal(Crc64ErrorCodes.ManifestMalformed, e.Code);
            return e.Message;
        }
    }

    private static byte[] SampleManifest(Random random)
    {
        string[] names = { "app.dll", "b/c.txt", "d e/f+g#h.json", "unicode/\u00e9t\u00e9.txt", "emoji/\U0001F600.bin", "q\"uote.txt", "tab\u00a0and\u2603.txt", "z/empty" };
        var entries = names.Select(n => new Crc64ManifestEntry(n, random.Next(0, 100000), (ulong)random.NextInt64() * 3)).ToList();
        return Crc64ManifestWriter.ToBytes(new Crc64Manifest(entries));
    }

    private static byte[] Mutate(byte[] input, Random random, int times)
    {
        var bytes = new List<byte>(input);
        for (int t = 0; t < times && bytes.Count > 0; t++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 2: bytes[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 3:
                    int length = Math.Min(1 + random.Next(12), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes.RemoveRange(at, Math.Min(1 + random.Next(20), bytes.Count - at)); break;
                default:
                    int other = random.Next(bytes.Count);
                    (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static string Show(byte[] bytes) =>
        Convert.ToBase64String(bytes) + " (" + DisplayText.Of(Encoding.UTF8.GetString(bytes)).Replace("\n", "\\n", StringComparison.Ordinal) + ")";
}
