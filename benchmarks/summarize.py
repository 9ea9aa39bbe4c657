#!/usr/bin/env python3
"""Summarises JMH JSON results (-rf json) of the codec benchmarks as a Markdown table.

Usage: python3 benchmarks/summarize.py result.json [more.json ...]

For every CodecStreamBenchmark result it prints wall-clock MiB/s, MiB per CPU-second, both as
ratios to the CodecBaselineBenchmark result of the same direction in the same file (same run),
the speed-up over threads=1 of the same size, and the allocation per 64 KiB segment
(gc.alloc.rate.norm / segments per operation) when the run used -prof gc.
"""
import json
import sys

SEGMENT = 65536


def secondary(r, name):
    s = r["primaryMetric"] if name is None else r.get("secondaryMetrics", {}).get(name)
    return None if s is None else s["score"]


def fmt(x, digits=0):
    return "-" if x is None else f"{x:.{digits}f}"


def main(paths):
    for path in paths:
        with open(path) as f:
            results = json.load(f)
        if not results:
            continue
        print(f"### {path}: JDK {results[0]['jdkVersion']} ({results[0]['vmName']} {results[0]['vmVersion']})\n")
        base = {}
        for r in results:
            name = r["benchmark"].rsplit(".", 2)
            if name[1] == "CodecBaselineBenchmark":
                base[name[2]] = r
        single = {}
        for r in results:
            name = r["benchmark"].rsplit(".", 2)
            if name[1] == "CodecStreamBenchmark" and r["params"]["threads"] == "1":
                single[(name[2], r["params"]["sizeMiB"])] = r
        print("| benchmark | size MiB | threads | MiB/s | MiB/CPU-s | vs baseline (wall) | vs baseline (CPU) | vs 1 thread (wall) | B/segment |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in results:
            name = r["benchmark"].rsplit(".", 2)
            cls, op = name[1], name[2]
            if cls not in ("CodecBaselineBenchmark", "CodecStreamBenchmark"):
                continue
            params = r.get("params", {})
            mib = secondary(r, "mib")
            cpu = secondary(r, "cpuMib")
            norm = secondary(r, "gc.alloc.rate.norm")
            if cls == "CodecBaselineBenchmark":
                print(f"| baseline {op} (raw JCA) | 64 KiB | 1 | {fmt(mib)} | {fmt(cpu)} | 1.00 | 1.00 | - | {fmt(norm)} |")
                continue
            size = params["sizeMiB"]
            b = base.get(op)
            vs_wall = None if b is None else mib / secondary(b, "mib")
            vs_cpu = None if b is None or cpu is None else cpu / secondary(b, "cpuMib")
            one = single.get((op, size))
            vs_one = None if one is None else mib / secondary(one, "mib")
            per_seg = None if norm is None else norm / (int(size) * 1048576 / SEGMENT)
            print(f"| stream {op} | {size} | {params['threads']} | {fmt(mib)} | {fmt(cpu)} | {fmt(vs_wall, 2)} | {fmt(vs_cpu, 2)} | {fmt(vs_one, 2)} | {fmt(per_seg)} |")
        paired = [r for r in results if r["benchmark"].rsplit(".", 2)[1] == "CodecPairedBenchmark"]
        if paired:
            print("\n| paired (alternating in one fork) | threads | raw JCA MiB/s | pipeline MiB/s | pipeline / raw |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for r in paired:
                p = r["params"]
                print(f"| {p['direction']} | {p['threads']} | {fmt(secondary(r, 'rawMib'))} | {fmt(secondary(r, 'pipelineMib'))} | {fmt(secondary(r, 'vsBaseline'), 2)} |")
        others = [r for r in results if not r["benchmark"].rsplit(".", 2)[1].startswith("Codec")]
        if others:
            print("\n| benchmark | params | score | unit |")
            print("| --- | --- | ---: | --- |")
            for r in others:
                name = ".".join(r["benchmark"].rsplit(".", 2)[1:])
                params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
                print(f"| {name} | {params} | {r['primaryMetric']['score']:.3f} | {r['primaryMetric']['scoreUnit']} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
