#!/usr/bin/env python3
"""Top frames of a speedscope file from `dotnet-trace collect --profile dotnet-sampled-thread-time` and
`dotnet-trace convert --format speedscope`. The sampler records the wall time of every managed thread, ending each
stack with CPU_TIME (in managed code: running, or runnable and waiting for a core, which on a loaded box is most of it)
or UNMANAGED_CODE_TIME (in native code: parked in a wait, or working in SQLite, a syscall, ...). Counted here: time in
managed code by frame (exclusive and inclusive), and native time by the managed frame that called it, parked threads
(their innermost managed frame is a wait) left out. Read it as where the threads are, not as CPU: dotnet-counters gives that.
Usage: top-frames.py trace.speedscope.json [N] [REGEX: only frames matching it, e.g. "Queue\\.|SignalR"]"""
import collections, json, re, sys

WAITS = re.compile(r"LowLevelLifoSemaphore\.|WaitHandle\.Wait|Monitor\.Wait|ManualResetEventSlim\.Wait|WaitOneNoCheck|"
                   r"Interop\+Sys\.Read\(|SocketAsyncEngine\.EventLoop|Interop\+Sys\.WaitForSocketEvents|Thread\.Sleep|"
                   r"LowLevelSpinWaiter|SemaphoreSlim\.Wait\(|Task\.SpinThenBlockingWait|Thread\.Join|Thread\.<PollGC>|ConsoleLoggerProcessor\.TryDequeue")
ROOTS = re.compile(r"^(Process64 |Thread \(|\(Non-Activities\)|Threads$)")

def main(path, n, only):
    d = json.load(open(path))
    names = [f["name"] for f in d["shared"]["frames"]]
    cpu_excl, cpu_incl, native = collections.Counter(), collections.Counter(), collections.Counter()
    total = collections.Counter()
    for p in d["profiles"]:
        stack, last = [], None
        for e in p["events"]:
            if last is not None and stack and e["at"] > last:
                dt, leaf = e["at"] - last, names[stack[-1]]
                frames = [names[f] for f in (stack[:-1] if leaf in ("CPU_TIME", "UNMANAGED_CODE_TIME") else stack) if not ROOTS.match(names[f])]
                inner = frames[-1] if frames else "?"
                if leaf == "UNMANAGED_CODE_TIME":
                    if WAITS.search(inner) or not frames: total["parked"] += dt
                    else: total["native"] += dt; native[inner] += dt
                else:
                    total["cpu"] += dt; cpu_excl[inner] += dt
                    for f in set(frames): cpu_incl[f] += dt
            last = e["at"]
            if e["type"] == "O": stack.append(e["frame"])
            else: stack.pop()
    span = max(p["endValue"] for p in d["profiles"]) - min(p["startValue"] for p in d["profiles"])
    print(f"Trace of {span / 1000:.1f} s. Threads on average: {total['cpu'] / span:.2f} in managed code (running or runnable), "
          f"{total['native'] / span:.2f} in native code outside waits, {total['parked'] / span:.2f} parked.\n")
    for title, c, of in (("in managed code, exclusive", cpu_excl, "cpu"), ("in managed code, inclusive", cpu_incl, "cpu"),
                         ("native time outside waits, by calling frame", native, "native")):
        print(f"| # | {title} | % | ms per s |\n|---:|---|---:|---:|")
        for i, (name, t) in enumerate([(k, v) for k, v in c.most_common() if re.search(only, k)][:n], 1):
            print(f"| {i} | `{name[:140].replace('|', '/')}` | {100 * t / total[of]:.1f} | {t / span * 1000:.1f} |")
        print()

main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30, sys.argv[3] if len(sys.argv) > 3 else "")
