#!/usr/bin/env python3
"""How the Syria palette was found (docs/syria.md, "Parties"): a random local search that
moves each party's colour as little as it can from the first palette while keeping every two
parties whose validity overlaps, and every party and the unknown tone, at least 10.5
CIEDE2000 units apart in normal vision and under protanopia, deuteranopia and tritanopia
(Machado et al. 2009, full severity, in linear sRGB). The test that holds the palette is
crates/formats/tests/palette.rs; this script only proposes colours:

    python3 scripts/syria/palette_search.py [MAX_DRIFT] [SEED] [PARTIES_CSV]

It prints the proposed colour of each party beside its current one. Standard library only.
The seventh session's palette came from `15 2` on the first palette:
`git show 1a016ec:scripts/syria/parties.csv > /tmp/first.csv` and `15 2 /tmp/first.csv`.
"""
import random
import sys
from pathlib import Path
import csv, math, itertools
M={'normal':None,
'protan':[[0.152286,1.052583,-0.204868],[0.114503,0.786281,0.099216],[-0.003882,-0.048116,1.051998]],
'deutan':[[0.367322,0.860646,-0.227968],[0.280085,0.672501,0.047413],[-0.011820,0.042940,0.968881]],
'tritan':[[1.255528,-0.076749,-0.178779],[-0.078411,0.930809,0.147602],[0.004733,0.691367,0.303900]]}
def lin(c): c/=255; return c/12.92 if c<=0.04045 else ((c+0.055)/1.055)**2.4
def lab_of_lin(r,g,b):
    r,g,b=[min(1,max(0,v)) for v in (r,g,b)]
    X=0.4124564*r+0.3575761*g+0.1804375*b; Y=0.2126729*r+0.7151522*g+0.0721750*b; Z=0.0193339*r+0.1191920*g+0.9503041*b
    Xn,Yn,Zn=0.95047,1.0,1.08883
    f=lambda t: t**(1/3) if t>216/24389 else (24389/27*t+16)/116
    fx,fy,fz=f(X/Xn),f(Y/Yn),f(Z/Zn)
    return 116*fy-16, 500*(fx-fy), 200*(fy-fz)
def lab(hexs, mode):
    r,g,b=[lin(int(hexs[i:i+2],16)) for i in (1,3,5)]
    m=M[mode]
    if m: r,g,b=[m[i][0]*r+m[i][1]*g+m[i][2]*b for i in range(3)]
    return lab_of_lin(r,g,b)
def de00(l1,l2):
    L1,a1,b1=l1; L2,a2,b2=l2
    C1=math.hypot(a1,b1); C2=math.hypot(a2,b2); Cb=(C1+C2)/2
    G=0.5*(1-math.sqrt(Cb**7/(Cb**7+25**7)))
    a1p=(1+G)*a1; a2p=(1+G)*a2
    C1p=math.hypot(a1p,b1); C2p=math.hypot(a2p,b2)
    h=lambda a,b: 0 if a==0 and b==0 else math.degrees(math.atan2(b,a))%360
    h1p=h(a1p,b1); h2p=h(a2p,b2)
    dL=L2-L1; dC=C2p-C1p
    if C1p*C2p==0: dh=0
    else:
        dh=h2p-h1p
        if dh>180: dh-=360
        elif dh<-180: dh+=360
    dH=2*math.sqrt(C1p*C2p)*math.sin(math.radians(dh/2))
    Lb=(L1+L2)/2; Cbp=(C1p+C2p)/2
    if C1p*C2p==0: hb=h1p+h2p
    else:
        if abs(h1p-h2p)<=180: hb=(h1p+h2p)/2
        elif h1p+h2p<360: hb=(h1p+h2p+360)/2
        else: hb=(h1p+h2p-360)/2
    T=1-0.17*math.cos(math.radians(hb-30))+0.24*math.cos(math.radians(2*hb))+0.32*math.cos(math.radians(3*hb+6))-0.20*math.cos(math.radians(4*hb-63))
    dth=30*math.exp(-(((hb-275)/25)**2))
    Rc=2*math.sqrt(Cbp**7/(Cbp**7+25**7))
    Sl=1+0.015*(Lb-50)**2/math.sqrt(20+(Lb-50)**2); Sc=1+0.045*Cbp; Sh=1+0.015*Cbp*T
    Rt=-math.sin(math.radians(2*dth))*Rc
    return math.sqrt((dL/Sl)**2+(dC/Sc)**2+(dH/Sh)**2+Rt*(dC/Sc)*(dH/Sh))
assert abs(de00((50,2.6772,-79.7751),(50,0,-82.7485))-2.0425)<1e-4
assert abs(de00((50,2.5,0),(73,25,-18))-27.1492)<1e-4
assert abs(de00((60.2574,-34.0099,36.2677),(60.4626,-34.1751,39.4387))-1.2644)<1e-4
def parties(path):
    rows=list(csv.DictReader(open(path)))
    P={}
    for r in rows:
        p=P.setdefault(r['id'],{'colour':r['colour'],'from':r['valid_from'],'until':r['valid_until'] or '9999'})
        p['colour']=r['colour']
    return P
def pairs(P):
    for a,b in itertools.combinations(sorted(P),2):
        pa,pb=P[a],P[b]
        if pa['from']<pb['until'] and pb['from']<pa['until']: yield a,b
def report(P, colours, show=True):
    bad=[]
    allp=list(pairs(P))+[(p,'unknown') for p in P]
    for a,b in allp:
        for mode in M:
            d=de00(lab(colours[a],mode),lab(colours[b],mode))
            if d<10: bad.append((round(d,1),a,b,mode))
    return sorted(bad)
P=parties(sys.argv[3] if len(sys.argv)>3 else str(Path(__file__).resolve().parent / 'parties.csv'))
orig={k:v['colour'] for k,v in P.items()}
fixed={'unknown':'#f3f1ec'}
cons=list(pairs(P))+[(p,'unknown') for p in P]
labs={}
def L(h,m):
    k=(h,m)
    if k not in labs: labs[k]=lab(h,m)
    return labs[k]
def score(col):
    s=0; mn=99
    for a,b in cons:
        for m in M:
            d=de00(L(col[a],m),L(col[b],m))
            mn=min(mn,d)
            if d<11: s+= (11-d)**2
    drift=sum(W.get(p,1)*max(0,de00(L(col[p],'normal'),L(orig[p],'normal'))-LIM.get(p,MAXDRIFT))**2 for p in P)
    return s+drift, mn
W={'government':5,'isis':5,'sdf':3,'opposition':3}
LIM={'government':6,'isis':8,'sdf':8,'opposition':10}
MAXDRIFT=float(sys.argv[1]) if len(sys.argv)>1 else 18
random.seed(int(sys.argv[2]) if len(sys.argv)>2 else 1)
col=dict(orig); col.update(fixed)
best,mn=score(col)
hexs=lambda r,g,b:'#%02x%02x%02x'%(r,g,b)
for it in range(40000):
    p=random.choice(list(P))
    c=col[p]; r,g,b=[int(c[i:i+2],16) for i in (1,3,5)]
    step=random.choice([4,8,16,32])
    r,g,b=[min(255,max(0,v+random.randint(-step,step))) for v in (r,g,b)]
    new=dict(col); new[p]=hexs(r,g,b)
    s,m=score(new)
    if s<=best: col,best,mn=new,s,m
print(best,mn)
for p in P: print(p, orig[p], col[p], round(de00(L(col[p],'normal'),L(orig[p],'normal')),1))
for b in report(P,col): print(b)
# Phase 2: keep every constraint at >= 10.5 and reduce the drift from the original colours.
def feasible_min(col):
    return min(de00(L(col[a],m),L(col[b],m)) for a,b in cons for m in M)
def drift(col):
    return sum(W.get(p,1)*de00(L(col[p],'normal'),L(orig[p],'normal'))**2 for p in P)
d=drift(col)
for it in range(30000):
    p=random.choice(list(P))
    c=col[p]; r,g,b=[int(c[i:i+2],16) for i in (1,3,5)]
    step=random.choice([2,4,8,16])
    r,g,b=[min(255,max(0,v+random.randint(-step,step))) for v in (r,g,b)]
    new=dict(col); new[p]=hexs(r,g,b)
    nd=drift(new)
    if nd<d and feasible_min(new)>=10.5: col,d=new,nd
print('phase 2', d, feasible_min(col))
for p in P: print(p, orig[p], col[p], round(de00(L(col[p],'normal'),L(orig[p],'normal')),1))
