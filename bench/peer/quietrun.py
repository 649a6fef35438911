#!/usr/bin/python3
"""Run a benchmark command when the 2-core box is quiet, and report how much CPU *other*
processes used while it ran (shared machine => contention is the main noise source).
Usage: quietrun.py [--wait SECONDS] [--threshold FRACTION] -- cmd args...
Quiet means: the whole box below FRACTION (default 0.03) busy for 3 consecutive seconds."""
import os, sys, time, subprocess, resource

def busy():
    f = open("/proc/stat").readline().split()[1:]
    v = list(map(int, f)); idle = v[3] + v[4]
    return sum(v) - idle, sum(v)

args = sys.argv[1:]
wait, threshold = 300, 0.03
while args and args[0] in ("--wait", "--threshold"):
    if args[0] == "--wait":
        wait = float(args[1])
    else:
        threshold = float(args[1])
    args = args[2:]
if args and args[0] == "--":
    args = args[1:]
hz = os.sysconf("SC_CLK_TCK"); ncpu = os.cpu_count()
t_end = time.time() + wait; quiet = 0
while time.time() < t_end:
    b0, t0 = busy(); time.sleep(1.0); b1, t1 = busy()
    util = (b1 - b0) / max(1, t1 - t0)
    quiet = quiet + 1 if util < threshold else 0
    if quiet >= 3:
        break
else:
    print(f"[quietrun] machine not quiet after {wait}s (last util {util:.0%}); running anyway", file=sys.stderr)
b0, _ = busy(); w0 = time.time()
r = subprocess.run(args)
b1, _ = busy(); w1 = time.time()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
own = (ru.ru_utime + ru.ru_stime) * hz
other = max(0.0, (b1 - b0) - own) / hz
print(f"[quietrun] wall {w1-w0:.3f}s, own cpu {own/hz:.3f}s, other processes' cpu {other:.1f}s "
      f"(= {other/(w1-w0)/ncpu:.0%} of the box)", file=sys.stderr)
sys.exit(r.returncode)
