using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>What an earlier, interrupted run recorded about one ranged file.</summary>
internal sealed class FileResume
{
    public FileResume(string etag, long length, long rangeSize)
    {
        ETag = etag;
        Length = length;
        RangeSize = rangeSize;
    }

    public string ETag { get; }

    public long Length { get; }

    public long RangeSize { get; }

    /// <summary>Ranges whose bytes were written to the partial file. Their CRCs are NOT recorded: a resumed range is
    /// hashed again from the bytes on disk, so the file is verified exactly like a fresh one.</summary>
    public HashSet<int> Done { get; } = new();
}

/// <summary>
/// The resume record: an append-only text log in the staging folder. A line is appended after a range's bytes were
/// written; a torn last line (a kill mid-write) is ignored, so the log needs no fsync: a range it forgot is fetched
/// again, a range whose bytes did not survive fails the final CRC and the file starts over. Lines:
/// <c>release &lt;id&gt;</c> first, then <c>file &lt;n&gt; &lt;etag&gt; &lt;length&gt; &lt;range size&gt;</c>,
/// <c>range &lt;n&gt; &lt;i&gt;</c> and <c>reset &lt;n&gt;</c>.
/// </summary>
internal sealed class ResumeJournal : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;

    private ResumeJournal(StreamWriter writer, Dictionary<int, FileResume> files)
    {
        _writer = writer;
        Files = files;
    }

    public Dictionary<int, FileResume> Files { get; }

    /// <summary>Opens the log for <paramref name="releaseId"/>; a log of another release (or none) starts empty.</summary>
    public static ResumeJournal Open(string path, string releaseId, out bool sameRelease)
    {
        var files = new Dictionary<int, FileResume>();
        sameRelease = false;
        if (File.Exists(path))
        {
            string[] lines = File.ReadAllLines(path, Encoding.UTF8);
            sameRelease = lines.Length > 0 && lines[0] == "release " + releaseId;
            if (sameRelease)
            {
                foreach (string line in lines)
                {
                    Apply(line.Split(' '), files);
                }
            }
        }

        var stream = new FileStream(path, sameRelease ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        var journal = new ResumeJournal(writer, files);
        if (!sameRelease)
        {
            journal.Append("release " + releaseId);
        }

        return journal;
    }

    public void StartFile(int index, string etag, long length, long rangeSize)
    {
        lock (_gate)
        {
            Files[index] = new FileResume(etag, length, rangeSize);
        }

        Append(string.Format(CultureInfo.InvariantCulture, "file {0} {1} {2} {3}", index, Uri.EscapeDataString(etag), length, rangeSize));
    }

    public void RangeDone(int index, int range)
    {
        lock (_gate)
        {
            if (Files.TryGetValue(index, out FileResume? file))
            {
                file.Done.Add(range);
            }
        }

        Append(string.Format(CultureInfo.InvariantCulture, "range {0} {1}", index, range));
    }

    /// <summary>Forgets a file (after a CRC mismatch or a replaced object): nothing of it is trusted again.</summary>
    public void Reset(int index)
    {
        lock (_gate)
        {
            Files.Remove(index);
        }

        Append("reset " + index.ToString(CultureInfo.InvariantCulture));
    }

    public FileResume? Find(int index)
    {
        lock (_gate)
        {
            return Files.TryGetValue(index, out FileResume? file) ? file : null;
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Append(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static void Apply(string[] parts, Dictionary<int, FileResume> files)
    {
        static bool Int(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        static bool Long(string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        switch (parts[0])
        {
            case "file" when parts.Length == 5 && Int(parts[1], out int n) && Long(parts[3], out long length) && Long(parts[4], out long size) && size > 0:
                files[n] = new FileResume(Uri.UnescapeDataString(parts[2]), length, size);
                break;
            case "range" when parts.Length == 3 && Int(parts[1], out int n) && Int(parts[2], out int range) && files.TryGetValue(n, out FileResume? file):
                file.Done.Add(range);
                break;
            case "reset" when parts.Length == 2 && Int(parts[1], out int n):
                files.Remove(n);
                break;
        }
    }
}
