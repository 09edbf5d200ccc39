namespace CrcBuildTools.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text =
        """
        crc64xz: CRC-64/XZ, the checksum Tencent COS (x-cos-hash-crc64ecma) and Alibaba OSS (x-oss-hash-crc64ecma) report.

        Usage:
          crc64xz hash [--hex] [--sequential] [FILE...]   Print '<crc>  <file>' per file; no FILE or '-' reads stdin.
                                                          The CRC is unsigned decimal, as the services print it.
              --hex          print 16 hex digits instead (as 'xz -lvv' shows the check)
              --sequential   do not split large files into parallel chunks
          crc64xz verify [--allow-extra] MANIFEST [FOLDER]
                                                          Check FOLDER (default: the manifest's folder) against a
                                                          CrcBuildTools manifest: missing (CRC1005), changed (CRC1006)
                                                          and extra (CRC1007) files; a bad manifest is CRC1004.
              --allow-extra  tolerate files the manifest does not list
          crc64xz --version

        Exit codes: 0 success, 1 a file could not be hashed or verification found differences, 2 usage error.

        """;
}
