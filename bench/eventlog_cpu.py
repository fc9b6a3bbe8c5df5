#!/usr/bin/env python3
"""Where a run's Spark task CPU went, from its event log.

    python3 bench/eventlog_cpu.py EVENT_LOG            # executor CPU per job description (encours steps)
    python3 bench/eventlog_cpu.py EVENT_LOG "words"    # per stage of the jobs whose description contains the words,
                                                       # with the operators each stage ran and the records it read
Record an event log with ENCOURS_JAVA_OPTS="... -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///some/dir".
"""
import collections, json, sys

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
words = sys.argv[2] if len(sys.argv) == 3 else None
stage_job, operators = {}, {}
cpu, run, tasks, records = (collections.Counter() for _ in range(4))
for line in open(sys.argv[1]):
    e = json.loads(line)
    event = e.get("Event")
    if event == "SparkListenerJobStart":
        description = (e.get("Properties") or {}).get("spark.job.description") or "(no description)"
        for s in e["Stage IDs"]:
            stage_job[s] = description
        for info in e.get("Stage Infos", []):
            names = []
            for rdd in info.get("RDD Info", []):
                name = json.loads(rdd["Scope"]).get("name", "") if rdd.get("Scope") else ""
                if name and name not in names:
                    names.append(name)
            operators[info["Stage ID"]] = names
    elif event == "SparkListenerTaskEnd":
        stage = e["Stage ID"]
        description = stage_job.get(stage, "?")
        if words is not None and words not in description:
            continue
        key = stage if words is not None else description
        m = e.get("Task Metrics") or {}
        cpu[key] += m.get("Executor CPU Time", 0) / 1e9
        run[key] += m.get("Executor Run Time", 0) / 1e3
        tasks[key] += 1
        records[key] += (m.get("Input Metrics") or {}).get("Records Read", 0) + (m.get("Shuffle Read Metrics") or {}).get("Total Records Read", 0)
if words is None:
    for d, c in cpu.most_common():
        print(f"{c:8.1f} CPU-s {run[d]:8.1f} run-s {tasks[d]:6d} tasks  {d[:110]}")
else:
    for s, c in sorted(cpu.items()):
        print(f"stage {s:4d} {c:7.1f} CPU-s {records[s]:>11,} records in  {', '.join(operators.get(s, []))[:150]}")
print(f"{sum(cpu.values()):8.1f} CPU-s in tasks")
