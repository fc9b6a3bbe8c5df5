#!/usr/bin/env python3
# python3 bench/eventlog_cpu_by_job.py EVENT_LOG: run with -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///some/dir in ENCOURS_JAVA_OPTS.
"""Executor CPU (and run time) per Spark job description from an event log: where a job's CPU goes."""
import json, sys, collections
stage_job = {}; job_desc = {}; cpu = collections.Counter(); run = collections.Counter(); tasks = collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    ev = e.get("Event")
    if ev == "SparkListenerJobStart":
        desc = (e.get("Properties") or {}).get("spark.job.description") or "(no description)"
        job_desc[e["Job ID"]] = desc
        for s in e["Stage IDs"]:
            stage_job[s] = desc
    elif ev == "SparkListenerTaskEnd":
        m = e.get("Task Metrics") or {}
        d = stage_job.get(e["Stage ID"], "?")
        cpu[d] += m.get("Executor CPU Time", 0) / 1e9
        run[d] += m.get("Executor Run Time", 0) / 1e3
        tasks[d] += 1
tot = sum(cpu.values())
for d, c in cpu.most_common():
    print(f"{c:8.1f} CPU-s {run[d]:8.1f} run-s {tasks[d]:6d} tasks  {d[:110]}")
print(f"{tot:8.1f} CPU-s total in tasks")
