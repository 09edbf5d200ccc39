using System;
using System.Collections;
using Microsoft.Build.Framework;

namespace CrcBuildTools.MonoHarness;

/// <summary>The minimal engine a task needs: every event it logs goes to stdout as one tab-separated line.</summary>
internal sealed class HarnessBuildEngine : IBuildEngine
{
    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "harness.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Console.WriteLine($"error\t{e.Code}\t{e.File}\t{OneLine(e.Message)}");

    public void LogWarningEvent(BuildWarningEventArgs e) => Console.WriteLine($"warning\t{e.Code}\t{e.File}\t{OneLine(e.Message)}");

    public void LogMessageEvent(BuildMessageEventArgs e) => Console.WriteLine($"message\t{e.Importance}\t{OneLine(e.Message)}");

    public void LogCustomEvent(CustomBuildEventArgs e) => Console.WriteLine($"custom\t{OneLine(e.Message)}");

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    private static string OneLine(string? text) => (text ?? string.Empty).Replace("\r", " ").Replace("\n", " ");
}
