using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.MonoHarness;

/// <summary>
/// <c>mono CrcBuildTools.MonoHarness.exe TASKS.dll SCRIPT</c>. SCRIPT holds tab-separated lines:
/// <c>task NAME</c> starts a task (a type in the CrcBuildTools.Tasks namespace); <c>set PARAM VALUE</c>;
/// <c>item PARAM SPEC [KEY=VALUE]...</c> adds an item to an ITaskItem[] parameter; <c>items-from PARAM SAVED</c> passes
/// items an earlier task returned; <c>save OUTPUT SAVED</c> keeps an output's items; <c>run</c> executes the task.
/// Output lines: the engine's events, then <c>result NAME True|False</c>, then every [Output] as <c>output NAME PARAM
/// VALUE</c> or <c>output-item NAME PARAM SPEC KEY=VALUE...</c>, and <c>runtime ...</c> once at the start.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: CrcBuildTools.MonoHarness TASKS.dll SCRIPT");
            return 2;
        }

        Console.WriteLine($"runtime\t{(Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono")}\t{Environment.Version}");
        Assembly tasks = Assembly.LoadFrom(Path.GetFullPath(args[0]));
        var saved = new Dictionary<string, ITaskItem[]>(StringComparer.Ordinal);
        Pending? pending = null;
        bool allSucceeded = true;
        foreach (string line in File.ReadAllLines(args[1]))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split('\t');
            switch (fields[0])
            {
                case "task":
                    pending = new Pending(fields[1], tasks.GetType("CrcBuildTools.Tasks." + fields[1], throwOnError: true)!);
                    break;
                case "set":
                    pending!.Set(fields[1], fields[2]);
                    break;
                case "item":
                    pending!.AddItem(fields[1], fields[2], fields.Skip(3));
                    break;
                case "items-from":
                    pending!.Items(fields[1]).AddRange(saved[fields[2]]);
                    break;
                case "save":
                    pending!.Saves.Add((fields[1], fields[2]));
                    break;
                case "run":
                    allSucceeded &= pending!.Run(saved);
                    pending = null;
                    break;
                default:
                    throw new InvalidDataException($"Unknown script line '{line}'.");
            }
        }

        return allSucceeded ? 0 : 1;
    }

    /// <summary>One task being set up: scalar parameters are set at once, item parameters gathered until run.</summary>
    private sealed class Pending(string name, Type type)
    {
        private readonly ITask _task = (ITask)Activator.CreateInstance(type)!;
        private readonly Dictionary<string, List<ITaskItem>> _items = new(StringComparer.Ordinal);

        public List<(string Output, string SavedName)> Saves { get; } = new();

        public void Set(string parameter, string value)
        {
            PropertyInfo property = Property(parameter);
            Type target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(_task, target == typeof(string) ? value : Convert.ChangeType(value, target, CultureInfo.InvariantCulture));
        }

        public void AddItem(string parameter, string spec, IEnumerable<string> metadata)
        {
            var item = new TaskItem(spec);
            foreach (string pair in metadata)
            {
                int equals = pair.IndexOf('=');
                item.SetMetadata(pair.Substring(0, equals), pair.Substring(equals + 1));
            }

            Items(parameter).Add(item);
        }

        public List<ITaskItem> Items(string parameter)
        {
            if (!_items.TryGetValue(parameter, out List<ITaskItem>? list))
            {
                _items[parameter] = list = new List<ITaskItem>();
            }

            return list;
        }

        public bool Run(Dictionary<string, ITaskItem[]> saved)
        {
            foreach (KeyValuePair<string, List<ITaskItem>> items in _items)
            {
                Property(items.Key).SetValue(_task, items.Value.ToArray());
            }

            _task.BuildEngine = new HarnessBuildEngine();
            bool result = _task.Execute();
            Console.WriteLine($"result\t{name}\t{result}");
            foreach (PropertyInfo output in type.GetProperties().Where(p => p.GetCustomAttribute<OutputAttribute>() is not null))
            {
                object? value = output.GetValue(_task);
                if (value is ITaskItem[] outputItems)
                {
                    foreach (ITaskItem item in outputItems)
                    {
                        var pairs = item.MetadataNames.Cast<string>().Where(m => item.CloneCustomMetadata().Contains(m)).Select(m => m + "=" + item.GetMetadata(m));
                        Console.WriteLine(string.Join("\t", new[] { "output-item", name, output.Name, item.ItemSpec }.Concat(pairs)));
                    }
                }
                else
                {
                    Console.WriteLine($"output\t{name}\t{output.Name}\t{value}");
                }
            }

            foreach ((string outputName, string savedName) in Saves)
            {
                saved[savedName] = (ITaskItem[])Property(outputName).GetValue(_task)!;
            }

            return result;
        }

        private PropertyInfo Property(string parameter) =>
            type.GetProperty(parameter) ?? throw new InvalidDataException($"{name} has no parameter '{parameter}'.");
    }
}
