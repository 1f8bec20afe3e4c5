using System;
using System.Collections.Generic;
using System.Linq;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// Shares a manifest's work among the tasks of a job array, balanced by source bytes and the same in every task
/// (each task computes the whole assignment and keeps its own share; no coordination needed): the largest unit
/// first goes to the task with the fewest bytes so far (the lower index on a tie); units of equal size in manifest order.
/// </summary>
public static class MigrationScheduler
{
    public static IReadOnlyList<MigrationWork> Units(IReadOnlyList<MigrationEntry> entries)
    {
        var units = new List<MigrationWork>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (!entries[i].IsSplit) units.Add(new MigrationWork(i, -1, entries[i].Size));
            else for (int p = 0; p < entries[i].Parts.Count; p++) units.Add(new MigrationWork(i, p, entries[i].PartBytes(p)));
        }
        return units;
    }

    /// <summary>The units of task <paramref name="taskIndex"/> of <paramref name="taskCount"/>, largest first.</summary>
    public static IReadOnlyList<MigrationWork> Assign(IReadOnlyList<MigrationEntry> entries, int taskIndex, int taskCount)
    {
        if (taskCount < 1) throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "TaskCount must be at least 1.");
        if (taskIndex < 0 || taskIndex >= taskCount)
            throw new ArgumentOutOfRangeException(nameof(taskIndex), taskIndex, $"TaskIndex must be 0–{taskCount - 1} (TaskCount {taskCount}).");
        var ordered = Units(entries).OrderByDescending(u => u.Bytes).ThenBy(u => u.Entry).ThenBy(u => u.Part).ToList();
        var load = new long[taskCount];
        var mine = new List<MigrationWork>();
        foreach (MigrationWork unit in ordered)
        {
            int target = 0;
            for (int t = 1; t < taskCount; t++) if (load[t] < load[target]) target = t;
            load[target] += unit.Bytes;
            if (target == taskIndex) mine.Add(unit);
        }
        return mine;
    }
}
