using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace CrcBuildTools.Hashing.Files;

/// <summary>
/// Opens a file for hashing under the engine's rules, in this order, before a single byte is read:
/// <list type="number">
/// <item>with a containing folder, every symbolic link on the path is followed and the result must lie inside the
/// folder (itself resolved the same way), else <see cref="Crc64XzFileProblem.OutsideFolder"/>;</item>
/// <item>what the path names must be a regular file, else <see cref="Crc64XzFileProblem.NotARegularFile"/> (unless the
/// caller reads pipes and devices as streams); this is decided without opening, because opening a FIFO blocks;</item>
/// <item>on Linux the open itself cannot block, and what was opened is checked again: its type, and with a containing
/// folder its real path, so a path swapped between the checks and the open is caught too.</item>
/// </list>
/// </summary>
internal static class GuardedFileOpener
{
    public static OpenedFile Open(string path, Crc64XzFileOptions options, FileOptions hints = FileOptions.SequentialScan)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        string fullPath = Path.GetFullPath(path);
        string? folder = null;
        string target = fullPath;
        if (options.ContainingFolder is string containing)
        {
            folder = ResolveFolder(containing);
            target = ResolveInside(path, fullPath, folder);
        }

        Crc64XzFileKind kind = KindOf(path, target);
        if (kind is Crc64XzFileKind.Directory or Crc64XzFileKind.Socket ||
            (kind is not (Crc64XzFileKind.RegularFile or Crc64XzFileKind.Unknown) && !options.ReadNonRegularFiles))
        {
            throw NotRegular(path, kind);
        }

        if (kind == Crc64XzFileKind.RegularFile && LinuxOpen.IsAvailable)
        {
            return OpenChecked(path, target, folder);
        }

        var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, hints);
        if (kind != Crc64XzFileKind.RegularFile && !stream.CanSeek && !options.ReadNonRegularFiles)
        {
            // Where no type probe exists, an unseekable stream (a pipe, a console, a device) is what gives it away.
            stream.Dispose();
            throw NotRegular(path, Crc64XzFileKind.CharacterDevice);
        }

        return new OpenedFile(stream, kind == Crc64XzFileKind.Unknown ? (stream.CanSeek ? Crc64XzFileKind.RegularFile : Crc64XzFileKind.CharacterDevice) : kind, target);
    }

    private static string ResolveFolder(string containing)
    {
        ResolvedPath folder = LinkResolver.Resolve(Path.GetFullPath(containing));
        if (folder.Outcome != ResolutionOutcome.Resolved || !Directory.Exists(folder.RealPath))
        {
            throw new DirectoryNotFoundException($"The containing folder '{containing}' does not exist.");
        }

        return folder.RealPath!;
    }

    private static string ResolveInside(string path, string fullPath, string folder)
    {
        ResolvedPath resolved = LinkResolver.Resolve(fullPath);
        switch (resolved.Outcome)
        {
            case ResolutionOutcome.Missing:
                bool linkExists = LinuxStat.OfPath(fullPath, followLinks: false) is { IsLink: true };
                throw new FileNotFoundException(
                    linkExists ? $"'{path}' is a symbolic link whose target does not exist." : $"Could not find file '{fullPath}'.", path);
            case ResolutionOutcome.Unresolvable:
                throw new Crc64XzFileException(
                    Crc64XzFileProblem.OutsideFolder,
                    path,
                    $"'{path}' cannot be checked against the folder '{folder}': {resolved.Reason}. Nothing was read from it.");
        }

        if (!LinkResolver.IsInside(resolved.RealPath!, folder))
        {
            throw Outside(path, folder, resolved.RealPath!);
        }

        return resolved.RealPath!;
    }

    private static OpenedFile OpenChecked(string path, string target, string? folder)
    {
        int descriptor = LinuxOpen.Open(target);
        try
        {
            FileStatus? status = LinuxStat.OfDescriptor(descriptor);
            Crc64XzFileKind opened = status?.Kind ?? Crc64XzFileKind.Unknown;
            if (opened != Crc64XzFileKind.RegularFile)
            {
                throw NotRegular(path, opened);
            }

            if (folder is not null && LinuxOpen.RealPathOf(descriptor) is string real && !LinkResolver.IsInside(real, folder))
            {
                throw Outside(path, folder, real);
            }

            return new OpenedFile(new SafeFileHandle((IntPtr)descriptor, ownsHandle: true), Crc64XzFileKind.RegularFile, target, descriptor, status);
        }
        catch
        {
            LinuxOpen.Close(descriptor);
            throw;
        }
    }

    private static Crc64XzFileKind KindOf(string path, string target)
    {
        if (LinuxStat.IsAvailable)
        {
            return LinuxStat.OfPath(target, followLinks: true) is FileStatus status
                ? status.Kind
                : throw new FileNotFoundException($"Could not find file '{target}'.", path);
        }

        return Directory.Exists(target) ? Crc64XzFileKind.Directory : Crc64XzFileKind.Unknown;
    }

    private static Crc64XzFileException NotRegular(string path, Crc64XzFileKind kind) =>
        new(
            Crc64XzFileProblem.NotARegularFile,
            path,
            $"'{path}' is {kind.Describe()}, not a regular file: its length is not known before it is read, and it may never end. Nothing was read from it.",
            kind);

    private static Crc64XzFileException Outside(string path, string folder, string realPath) =>
        new(
            Crc64XzFileProblem.OutsideFolder,
            path,
            $"'{path}' leads out of '{folder}' through a symbolic link (to '{realPath}'). Nothing was read from it.",
            Crc64XzFileKind.Unknown,
            realPath);
}
