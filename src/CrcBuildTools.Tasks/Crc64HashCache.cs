using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Remembers the CRC of files by full path and <see cref="FileStamp"/>, so a no-op build hashes nothing and a build
/// that changed one file hashes only that one. Kept in obj/, one file per project and stage; reached only through
/// <see cref="CachedFileHasher"/>, which both the manifest task and the embedded-resource task use.
/// </summary>
/// <remarks>
/// A cache must never fail a build: an unreadable or malformed cache file is treated as empty. A file modified in the
/// last two seconds is not remembered ("racy" timestamps: a second write within the file system's timestamp
/// granularity could keep the same length and time), so the next build hashes it once more.
/// </remarks>
internal sealed class Crc64HashCache
{
    private const string Header = "#crcbuildtools-hash-cache v2";
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, Entry> _previous;
    private readonly Dictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private readonly string? _path;

    private Crc64HashCache(string? path, Dictionary<string, Entry> previous)
    {
        _path = path;
        _previous = previous;
    }

    /// <summary>Loads the cache, or starts empty when <paramref name="path"/> is null, missing or unreadable.</summary>
    public static Crc64HashCache Load(string? path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return new Crc64HashCache(path, entries);
        }

        try
        {
            string[] lines = File.ReadAllLines(path!, Encoding.UTF8);
            if (lines.Length == 0 || lines[0] != Header)
            {
                return new Crc64HashCache(path, entries);
            }

            for (int i = 1; i < lines.Length; i++)
            {
                // crc, length, last-write ticks, change stamp, file id, path (last: it may contain tabs).
                string[] fields = lines[i].Split(new[] { '\t' }, 6);
                if (fields.Length == 6 &&
                    ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc) &&
                    FileStamp.TryParse(fields[1], fields[2], fields[3], fields[4], out FileStamp stamp))
                {
                    entries[fields[5]] = new Entry(stamp, crc);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }

        return new Crc64HashCache(path, entries);
    }

    /// <summary>Looks up a file by its current stamp; any difference (length, times, identity) is a miss.</summary>
    public bool TryGet(string fullPath, FileStamp stamp, out ulong crc)
    {
        if (_previous.TryGetValue(fullPath, out Entry entry) && entry.Stamp == stamp)
        {
            _current[fullPath] = entry;
            crc = entry.Crc;
            return true;
        }

        crc = 0;
        return false;
    }

    /// <summary>Records a freshly computed CRC, unless the timestamp is too recent to trust next time.</summary>
    public void Set(string fullPath, FileStamp stamp, ulong crc, DateTime nowUtc)
    {
        if (nowUtc - stamp.LastWriteUtc >= RacyWindow)
        {
            _current[fullPath] = new Entry(stamp, crc);
        }
    }

    /// <summary>
    /// Writes the entries used by this run (stale ones drop out), only when the content changed. A cache that cannot
    /// be written only costs hashing next time, so that is not an error: the reason is returned for a log message.
    /// </summary>
    /// <param name="problem">Why the cache could not be written, or <see langword="null"/>.</param>
    /// <returns>Whether the file was written.</returns>
    public bool Save(out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(_path))
        {
            return false;
        }

        var text = new StringBuilder(Header.Length + (_current.Count * 128));
        text.Append(Header).Append('\n');
        // Sorted once here rather than kept sorted on every insert: the file is the same bytes for the same entries.
        var ordered = new List<KeyValuePair<string, Entry>>(_current);
        ordered.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (KeyValuePair<string, Entry> pair in ordered)
        {
            text.Append(pair.Value.Crc.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(pair.Value.Stamp.Serialize()).Append('\t')
                .Append(pair.Key).Append('\n');
        }

        try
        {
            return AtomicFile.ReplaceIfDifferent(_path!, Crc64ManifestWriter.Utf8NoBom.GetBytes(text.ToString()));
        }
        catch (Exception e) when (AtomicFile.IsWriteFailure(e))
        {
            // Not CRC1003 ("manifest not writable"): the manifest may be fine; only the next build's shortcut is lost.
            problem = $"cannot write the hash cache '{DisplayText.Of(_path!)}': {DisplayText.Of(e.Message)}";
            return false;
        }
    }

    private readonly struct Entry(FileStamp stamp, ulong crc)
    {
        public FileStamp Stamp { get; } = stamp;

        public ulong Crc { get; } = crc;
    }
}
