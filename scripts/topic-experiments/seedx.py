import re, gzip, sys, collections
src=open('/work/wt/topic/src/topic/weak.rs').read()
seeds={}
for m in re.finditer(r'\("(\w+)", "(.*?)"\)', src, re.S):
    seeds[m.group(1)]=[t.partition(':')[0] for t in m.group(2).split()]
allseed={w for ts in seeds.values() for t in ts for w in t.split('_')}
neigh={}
for l in gzip.open('/tmp/topic-exp/neigh10.tsv.gz','rt'):
    if l.startswith('#'): continue
    f=l.rstrip('\n').split('\t'); neigh[f[0]]=[(x.rsplit(':',1)[0], float(x.rsplit(':',1)[1])) for x in f[1:]]
K=int(sys.argv[1]); MINC=int(sys.argv[2])
score=collections.defaultdict(lambda: collections.defaultdict(float)); cnt=collections.defaultdict(lambda: collections.defaultdict(int))
for c,ts in seeds.items():
    for t in ts:
        if '_' in t or t not in neigh: continue
        for n,s in neigh[t][:K]:
            if n in allseed: continue
            score[n][c]+=s; cnt[n][c]+=1
out=[]
for n,d in score.items():
    r=sorted(d.items(), key=lambda x:-x[1])
    c,s=r[0]
    if cnt[n][c]>=MINC and (len(r)==1 or s>=2*r[1][1]): out.append((c,n))
out.sort()
by=collections.Counter(c for c,_ in out)
print(by, file=sys.stderr)
for c,n in out: print(f"{c}\t{n}")
