# Many short-lived objects: the collector must reclaim them under a small heap
total = 0
for i in range(20000):
    s = [i, str(i), (i, i + 1), {"k": i}]
    total += len(s[1]) + s[2][1] + s[3]["k"]
print(total)
keep = []
for i in range(300):
    keep.append(("item", i, [i] * 3))
print(len(keep), keep[-1], sum(x[1] for x in keep))
