#!/usr/bin/env python3
"""One cold start of a plain .NET program (the floors), printed as run.sh's CSV columns.

  floor.py exit DLL         spawn -> its line "ready" on stdout (answer_ms); CPU time of the whole run (getrusage of the
                            child, so runtime shut-down included: a console program is gone before /proc can be read)
  floor.py web DLL PATH     spawn -> the first 200 of GET PATH on the port given in ASPNETCORE_URLS (polled every 5 ms);
                            CPU time from /proc/<pid>/stat at that answer, as ColdHost reads the workers'
"""
import os, resource, socket, subprocess, sys, time, urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) * 1000 // CLK_TCK
    rss = threads = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = round(int(line.split()[1]) / 1024)
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    with open(f"/proc/{pid}/maps") as f:
        assemblies = len({l.split()[-1] for l in f if l.split() and l.split()[-1].endswith(".dll")})
    return cpu, rss, assemblies, threads


def row(answer, cpu, rss="", assemblies="", threads=""):
    # answer_ms,cpu_ms,start_stream_ms,init_ms,metadata_ms,load_ms,invocation_ms,listening_ms,retries,functions,rss_mb,assemblies,threads,host_cpu_ms,status
    print(f"{answer},{cpu},,,,,,,,,{rss},{assemblies},{threads},,200")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


mode, dll = sys.argv[1], sys.argv[2]
if mode == "exit":
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(["dotnet", dll], stdout=subprocess.PIPE, text=True)
    line = ""
    while line and line.strip() != "ready" or not line:  # the Generic Host logs its lifetime lines first
        line = p.stdout.readline()
        if not line:
            break
    t1 = time.perf_counter()
    p.stdout.read()
    p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0 or line.strip() != "ready":
        sys.exit(f"{dll}: exit {p.returncode}, printed {line!r}")
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    row(round((t1 - t0) * 1000), round(cpu))
elif mode == "web":
    port = free_port()
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}")
    t0 = time.perf_counter()
    p = subprocess.Popen(["dotnet", dll], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{sys.argv[3]}", timeout=10) as r:
                    r.read()
                    if r.status == 200:
                        break
            except (ConnectionError, urllib.error.URLError):
                if p.poll() is not None:
                    sys.exit(f"{dll} exited {p.returncode}")
                time.sleep(0.005)
        t1 = time.perf_counter()
        cpu, rss, assemblies, threads = proc(p.pid)
        row(round((t1 - t0) * 1000), cpu, rss, assemblies, threads)
    finally:
        p.terminate()
        p.wait()
else:
    sys.exit(__doc__)
