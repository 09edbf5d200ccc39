using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace CrcBuildTools.TestSupport;

/// <summary>
/// Records what a task logs, so tests can assert codes, files and messages, and how it used the node: yields and
/// reacquires (<see cref="IBuildEngine3"/>) and cores asked for and given back (<see cref="IBuildEngine9"/>).
/// Thread-safe: a task may log from its workers.
/// </summary>
public sealed class FakeBuildEngine : IBuildEngine9
{
    private readonly object _gate = new();
    private readonly List<BuildErrorEventArgs> _errors = new();
    private readonly List<BuildWarningEventArgs> _warnings = new();
    private readonly List<BuildMessageEventArgs> _messages = new();
    private readonly List<string> _nodeEvents = new();

    /// <summary>Cores the fake grants per <see cref="RequestCores"/> call at most; null grants every request.</summary>
    public int? CoresGranted { get; set; }

    public List<BuildErrorEventArgs> Errors { get { lock (_gate) { return _errors.ToList(); } } }

    public List<BuildWarningEventArgs> Warnings { get { lock (_gate) { return _warnings.ToList(); } } }

    public List<BuildMessageEventArgs> Messages { get { lock (_gate) { return _messages.ToList(); } } }

    /// <summary>"yield", "reacquire", "request N -> M", "release N", in call order.</summary>
    public List<string> NodeEvents { get { lock (_gate) { return _nodeEvents.ToList(); } } }

    /// <summary>Every logged text (errors with their code), for searches such as "no secret anywhere".</summary>
    public IEnumerable<string> Everything =>
        Errors.Select(e => e.Code + ": " + e.Message + " " + e.File)
            .Concat(Warnings.Select(w => w.Code + ": " + w.Message))
            .Concat(Messages.Select(m => m.Message ?? ""));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public bool IsRunningMultipleNodes => false;

    public bool AllowFailureWithoutError { get; set; }

    public void LogErrorEvent(BuildErrorEventArgs e) => Add(_errors, e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Add(_warnings, e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Add(_messages, e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogTelemetry(string eventName, IDictionary<string, string> properties)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => false;

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => false;

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        new(false, new List<IDictionary<string, ITaskItem[]>>());

    public void Yield() => Add(_nodeEvents, "yield");

    public void Reacquire() => Add(_nodeEvents, "reacquire");

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection)
    {
    }

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => null;

    public IReadOnlyDictionary<string, string> GetGlobalProperties() => new Dictionary<string, string>();

    public bool ShouldTreatWarningAsError(string warningCode) => false;

    public int RequestCores(int requestedCores)
    {
        int granted = Math.Max(1, Math.Min(requestedCores, CoresGranted ?? requestedCores));
        Add(_nodeEvents, $"request {requestedCores} -> {granted}");
        return granted;
    }

    public void ReleaseCores(int coresToRelease) => Add(_nodeEvents, $"release {coresToRelease}");

    private void Add<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }
}
