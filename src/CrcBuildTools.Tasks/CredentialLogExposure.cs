using System;
using System.Collections.Generic;
using System.Linq;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Binary logs record only the environment variables a build reads (MSBuild 17.4 at the latest; the package needs 17.8), so
/// credentials read by the task itself stay out of them. <c>MSBUILDLOGALLENVIRONMENTVARIABLES</c> turns that off: the
/// binlog then holds every variable, the secret key included. The task cannot stop that, so it says so (CRC3012).
/// </summary>
internal static class CredentialLogExposure
{
    /// <summary>The MSBuild switch that records the whole environment in binary logs (any non-empty value).</summary>
    public const string LogAllVariable = "MSBUILDLOGALLENVIRONMENTVARIABLES";

    /// <summary>Warns when the whole environment is logged and a credential variable of <paramref name="provider"/> is set.</summary>
    public static void WarnIfLogged(TaskLoggingHelper log, StorageProvider provider, Func<string, string?> readVariable)
    {
        if (string.IsNullOrEmpty(readVariable(LogAllVariable)))
        {
            return;
        }

        (string[] id, string[] secret, string[] token) = StorageCredentials.VariableNames(provider);
        List<string> present = id.Concat(secret).Concat(token).Where(name => !string.IsNullOrEmpty(readVariable(name))).ToList();
        if (present.Count == 0)
        {
            return;
        }

        Crc64TaskLog.Warning(log, StorageErrorCodes.CredentialsLoggedByMSBuild, null,
            $"{LogAllVariable} is set, so a binary log (-bl) of this build records every environment variable, including {string.Join(", ", present)}: the secret would be readable by anyone who gets the .binlog. " +
            $"Unset {LogAllVariable} for builds that upload, or do not keep or share their binary logs.");
    }
}
