using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CrcBuildTools.Manifests;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>
/// The registry, the code and the docs say the same: every code used in src/ or build/ is registered and documented on
/// its page, and every registered or documented code is used. A new code (issue 11's CRC309x, say) passes once it has
/// its line in <see cref="ErrorCodeRegistry"/> and its row in the page's "Error codes" table.
/// </summary>
public sealed class ErrorCodeRegistryTests
{
    private static readonly Regex Code = new(@"CRC\d{4}", RegexOptions.Compiled);
    private static readonly Regex TableRow = new(@"^\|\s*`?(CRC\d{4})`?[^|]*\|", RegexOptions.Compiled | RegexOptions.Multiline);

    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_code_used_in_the_source_is_registered()
    {
        Dictionary<string, List<string>> used = CodesUsedInSource();
        Assert.NotEmpty(used);
        var unregistered = used.Keys.Where(c => ErrorCodeRegistry.Find(c) is null).Select(c => c + " (" + string.Join(", ", used[c].Take(3)) + ")").ToList();
        Assert.True(unregistered.Count == 0, "Used but not in ErrorCodeRegistry: " + string.Join("; ", unregistered));
    }

    [Fact]
    public void Every_registered_code_is_used_and_documented_on_its_page()
    {
        Dictionary<string, List<string>> used = CodesUsedInSource();
        var problems = new List<string>();
        foreach (ErrorCodeEntry entry in ErrorCodeRegistry.All)
        {
            if (!used.ContainsKey(entry.Code))
            {
                problems.Add(entry.Code + " is registered but used nowhere in src/ or build/");
            }

            if (!DocumentedCodes(entry.DocFile).Contains(entry.Code))
            {
                problems.Add(entry.Code + " has no row in the Error codes table of " + entry.DocFile);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_documented_code_is_registered()
    {
        var problems = new List<string>();
        foreach (string doc in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
        {
            foreach (string code in DocumentedCodes(Path.GetRelativePath(Root, doc)))
            {
                if (ErrorCodeRegistry.Find(code) is null)
                {
                    problems.Add(code + " is documented in " + Path.GetFileName(doc) + " but not registered (so nothing uses it)");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Codes_are_unique_in_their_family_page_and_links_point_at_the_table()
    {
        Assert.Equal(ErrorCodeRegistry.All.Count, ErrorCodeRegistry.All.Select(e => e.Code).Distinct().Count());
        foreach (ErrorCodeEntry entry in ErrorCodeRegistry.All)
        {
            ErrorCodePage expected = entry.Code[3] switch
            {
                '1' => ErrorCodePage.Manifests,
                '2' => ErrorCodePage.EmbeddedIntegrity,
                '3' => ErrorCodePage.Upload,
                _ => ErrorCodePage.Download,
            };
            Assert.Equal(expected, entry.Page);
            Assert.Equal("https://github.com/crcbuildtools/crcbuildtools/blob/main/" + entry.DocFile + "#error-codes", entry.HelpLink);
            Assert.Contains("\n## Error codes\n", File.ReadAllText(Path.Combine(Root, entry.DocFile)).Replace("\r\n", "\n"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_message_in_the_source_starts_with_its_own_code()
    {
        // Hosts print the code beside the message (MSBuild's code column, the CLI's "error CRCnnnn: "); a message that
        // starts with it would show it twice. Catches $"{StorageErrorCodes.X}: ..." and "CRC1234: ..." literals.
        var prefixed = new Regex(@"\$?""(\{\w*ErrorCodes\.\w+\}|CRC\d{4}): ", RegexOptions.Compiled);
        var offenders = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                file.Contains(Path.DirectorySeparatorChar + "CrcBuildTools.Runtime" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue; // the run-time exception lives in the user's app, where no host prints a code column
            }

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (prefixed.IsMatch(lines[i]))
                {
                    offenders.Add(Path.GetRelativePath(Root, file) + ":" + (i + 1) + ": " + lines[i].Trim());
                }
            }
        }

        Assert.True(offenders.Count == 0, "Messages that carry their code (the host adds it):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_task_logger_gives_every_code_its_help_link_and_keeps_the_code_out_of_the_text()
    {
        var engine = new CrcBuildTools.TestSupport.FakeBuildEngine();
        var log = new Microsoft.Build.Utilities.TaskLoggingHelper(engine, "test");
        foreach (ErrorCodeEntry entry in ErrorCodeRegistry.All)
        {
            Crc64TaskLog.Error(log, entry.Code, "f.txt", "what went wrong and what to do");
            Crc64TaskLog.Warning(log, entry.Code, "f.txt", "what went wrong and what to do");
        }

        Assert.Equal(ErrorCodeRegistry.All.Count, engine.Errors.Count);
        Assert.All(engine.Errors.Zip(ErrorCodeRegistry.All), pair =>
        {
            Assert.Equal(pair.Second.Code, pair.First.Code);
            Assert.Equal(pair.Second.HelpLink, pair.First.HelpLink);
            Assert.Equal("what went wrong and what to do", pair.First.Message);
        });
        Assert.All(engine.Warnings.Zip(ErrorCodeRegistry.All), pair => Assert.Equal(pair.Second.HelpLink, pair.First.HelpLink));
    }

    /// <summary>Codes in src/ and build/, outside comments and outside the registry itself, with where they occur.</summary>
    private static Dictionary<string, List<string>> CodesUsedInSource()
    {
        var used = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IEnumerable<string> files = Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "build"), "*.targets"))
            .Concat(Directory.GetFiles(Path.Combine(Root, "build"), "*.props"))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        Path.GetFileName(f) != "ErrorCodeRegistry.cs");
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            bool inXmlComment = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimStart();
                if (file.EndsWith(".cs", StringComparison.Ordinal) && (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("*", StringComparison.Ordinal)))
                {
                    continue;
                }

                // MSBuild comments: skip <!-- ... --> blocks.
                if (line.StartsWith("<!--", StringComparison.Ordinal))
                {
                    inXmlComment = true;
                }

                if (!inXmlComment)
                {
                    foreach (Match m in Code.Matches(lines[i]))
                    {
                        if (!used.TryGetValue(m.Value, out List<string>? where))
                        {
                            used[m.Value] = where = new List<string>();
                        }

                        where.Add(Path.GetRelativePath(Root, file) + ":" + (i + 1));
                    }
                }

                if (line.Contains("-->", StringComparison.Ordinal))
                {
                    inXmlComment = false;
                }
            }
        }

        return used;
    }

    private static HashSet<string> DocumentedCodes(string docFile) =>
        new(TableRow.Matches(File.ReadAllText(Path.Combine(Root, docFile))).Select(m => m.Groups[1].Value), StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrcBuildTools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CrcBuildTools.sln) is not above " + AppContext.BaseDirectory);
    }
}
