#!/usr/bin/env python3
"""CPU per job completion by thread group in the saturation and half-load phases of EngineBenchmark.

usage: docs/tools/thread-cpu.py OUT_OF_thread-cpu.sh BENCH_LOG
A phase is the time between the benchmark printing the previous phase and printing this one (the
sampler notes how many phases were printed at each snapshot, once a second); its jobs are the
printed rate x bench.seconds (10 unless the third argument says otherwise). Ticks are 1/100 s.
"""
import sys,re,collections
def group(comm):
    name=re.sub(r'\d+','#',comm)
    if name.startswith('http-nio'): return 'server http-nio'
    if name.startswith('httpclient'): return 'client httpclient'
    if name.startswith('pool-#-thread'): return 'client worker pool'
    if name.startswith('engine-journal'): return 'engine journal writer'
    if name.startswith('engine-history'): return 'engine history archiver'
    if name.startswith('C# '): return 'JIT'
    if 'GC' in name or name.startswith(('G#','GC')): return 'GC'
    return 'other'
snaps=collections.defaultdict(dict)  # phase -> tid -> (comm,ticks) taken at the first snapshot of that phase count
last={}
for line in open(sys.argv[1]):
    p=line.strip().split('|')
    if len(p)!=4: continue
    ph,tid,comm,t=p; ph=int(ph or 0)
    if tid not in snaps[ph]: snaps[ph][tid]=(comm,int(t))
log=open(sys.argv[2]).read()
seconds=int(sys.argv[3]) if len(sys.argv)>3 else 10
rate={}
for name in ['saturation','half load','history']:
    m=re.search(r'\[bench\] '+name+r'[^\n]*?(\d+) job completions/s',log)
    if m: rate[name]=int(m.group(1))
def delta(a,b):
    g=collections.Counter()
    for tid,(comm,t) in snaps[b].items():
        g[group(comm)]+=t-snaps[a].get(tid,(comm,0))[1]
    return g
for (a,b,name) in [(1,2,'saturation'),(2,3,'half load')]:
    if a not in snaps or b not in snaps or name not in rate: continue
    g=delta(a,b); jobs=rate[name]*seconds; tot=sum(g.values())
    print(f'-- {name}: {jobs} jobs (rate x phase seconds), process {tot/100:.1f} s CPU, {10*tot/jobs:.3f} ms/job')
    for k,v in g.most_common(): print(f'   {k:26s} {v/100:6.2f} s  {10*v/jobs:.3f} ms/job')
