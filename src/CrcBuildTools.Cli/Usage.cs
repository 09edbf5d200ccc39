namespace CrcBuildTools.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text =
        """
        crc64xz: CRC-64/XZ, the checksum Tencent COS (x-cos-hash-crc64ecma) and Alibaba OSS (x-oss-hash-crc64ecma) report.

        Usage:
          crc64xz hash [--hex] [--sequential] [--json] [FILE...]
                                  Print '<crc>  <file>' per file; no FILE or '-' reads stdin. Pipes and devices are
                                  read to their end. The CRC is unsigned decimal, as the services print it. A name with
                                  a backslash, newline or other control character is escaped as sha256sum does: the
                                  line starts with '\' and the name has \\ \n \r \t \xHH \uHHHH.
              --hex          print 16 hex digits instead (as 'xz -lvv' shows the check)
              --sequential   do not split large files into parallel chunks
              --json         one JSON object per input: {"path","length","crc64","crc64Hex"} or {"path","error"}
          crc64xz verify [--allow-extra] [--json] MANIFEST [FOLDER]
                                  Check FOLDER (default: the manifest's folder) against a CrcBuildTools manifest:
                                  missing (CRC1005), changed (CRC1006) and extra (CRC1007) files, links out of the
                                  folder (CRC1013), pipes or devices (CRC1014); a bad manifest is CRC1004.
              --allow-extra  tolerate files the manifest does not list
              --json         print the outcome as one JSON document
          crc64xz download SOURCE DEST [options]          Fetch the release SOURCE names into folder DEST, every file
                                                          verified against the manifest; DEST ends as exactly the
                                                          verified release or as it was. Resumes after a kill.
              --delete-extra        delete files in DEST the release does not list (default: keep, report)
              --require-crc-header  a file served without a CRC-64 header is an error (default: reported)
              --parallelism N       requests in flight (default 4)
              --range-size BYTES    ranged GETs of this size for larger files (default 8M)
          crc64xz audit SOURCE [options]                  Check a release in place by one HEAD per object: missing,
                                                          other length, other CRC, no CRC header; never downloads.
              --manifest FILE       audit against this local manifest ("is what I built in the bucket?")
              --list-extra          also list the prefix and report objects the manifest does not name
              --allow-missing-crc-header  objects without a header do not fail the audit (still reported)
              --parallelism N       HEADs in flight (default 16)
          crc64xz cleanup PREFIX-URL [--abort] [--older-than AGE]
                                                          List unfinished multipart uploads (key, id, age); --abort
                                                          aborts them; AGE like 90s, 30m, 12h, 1d.
          crc64xz --version

        SOURCE: cos://<bucket>/<key> or oss://<bucket>/<key> (a manifest or a channel pointer; signed with
        COS_SECRET_ID/COS_SECRET_KEY or OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET from the environment), or an
        https:// URL (public-read bucket, CDN, custom domain: anonymous).
        Shared options: --region R, --endpoint URL, --signature-version 4|1 (OSS), --max-attempts N,
        --timeout SECONDS, --allow-insecure-http, --json (results as JSON on stdout), --quiet (no per-file lines).
        Progress goes to stderr, results to stdout. Codes: docs/download.md (CRC4xxx).

        Exit codes: 0 success, 1 a file could not be hashed, verified, downloaded or audited clean, 2 usage error,
        130 hash or verify cancelled by Ctrl+C (download, audit and cleanup report CRC4050 and exit 1).

        """;
}
