#!/usr/bin/env python3
# python3 bench/eventlog_cpu_by_stage.py EVENT_LOG "job description words": run with -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///some/dir in ENCOURS_JAVA_OPTS.
"""Executor CPU per stage of the jobs whose description contains a word, with the operators (RDD scopes) each stage ran."""
import json, sys, collections
want = sys.argv[2]
stage_job = {}; cpu = collections.Counter(); recs = collections.Counter(); scopes = {}
for line in open(sys.argv[1]):
    e = json.loads(line); ev = e.get("Event")
    if ev == "SparkListenerJobStart":
        desc = (e.get("Properties") or {}).get("spark.job.description") or ""
        for s in e["Stage IDs"]: stage_job[s] = desc
        for si in e.get("Stage Infos", []):
            names = []
            for r in si.get("RDD Info", []):
                sc = r.get("Scope")
                if sc:
                    n = json.loads(sc).get("name", "")
                    if n and n not in names: names.append(n)
            scopes[si["Stage ID"]] = names
    elif ev == "SparkListenerTaskEnd":
        s = e["Stage ID"]
        if want in stage_job.get(s, ""):
            m = e.get("Task Metrics") or {}
            cpu[s] += m.get("Executor CPU Time", 0) / 1e9
            recs[s] += (m.get("Input Metrics") or {}).get("Records Read", 0) + (m.get("Shuffle Read Metrics") or {}).get("Total Records Read", 0)
for s, c in sorted(cpu.items()):
    print(f"stage {s:4d} {c:7.1f} CPU-s {recs[s]:>11,} rec in  {', '.join(scopes.get(s, []))[:150]}")
print(f"{sum(cpu.values()):.1f} total")
