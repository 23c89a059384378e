# Dict- and list-heavy code: inserts, lookups, appends, indexing, sort, comprehensions
def run(n):
    d = {}
    for i in range(n):
        d["k" + str(i % 500)] = d.get("k" + str(i % 500), 0) + i
    lst = [v % 97 for v in d.values()]
    lst.sort()
    m = {}
    for i in range(n):
        m[i] = i * 2
    s = 0
    for i in range(n):
        s += m[i] + lst[i % len(lst)]
    return s + sum(lst)
print(run(5000))
