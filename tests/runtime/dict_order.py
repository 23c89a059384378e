# dicts keep insertion order (deliberately unlike MicroPython); .exp from CPython
# (error messages are MicroPython's; only the order differs from the reference VM)
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
d = {}
for k in ["one", "two", "three", "four", "five"]:
    d[k] = len(k)
print(d, list(d), list(d.values()), list(d.items()))
del d["two"]
d["six"] = 3
d["one"] = 100
print(d, len(d), "two" in d, "six" in d)
n = {i: i * i for i in [5, 3, 17, 1, 9, 12, 0, 8]}
print(n, {(1, 2): 0, (0, 1): 1}, {True: "t", None: "n"}, {1: "a", 1.0: "b"}, {2.5: 1})
grow = {}
for i in range(40):
    grow["k%d" % i] = i
for i in range(0, 40, 3):
    del grow["k%d" % i]
grow["new"] = -1
print(list(grow)[:10], len(grow), grow["k1"], grow.get("k0"), grow.get("k0", "none"))
print(d.pop("six"), d.pop("x", "dflt"), d.setdefault("one", 0), d.setdefault("seven", 7), d)
d.update({"a": 1}, b=2)
d.update([("c", 3)])
print(d, d.popitem(), d, dict.fromkeys("ab"), dict.fromkeys([1, 2], 0))
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"p": 1}, q=2), dict(zip("abc", range(3))))
e = d.copy()
e["zz"] = 0
print(d == e, d != e, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {} == {}, bool({}), bool({0: 0}))
print(d.keys(), d.values(), d.items(), len(d.keys()), "a" in d.keys(), 1 in d.values(), ("a", 1) in d.items())
keys = d.keys()
d["late"] = 1
print(list(keys)[-1], sorted(d), sum(d.values()))
t(lambda: {}["missing"])
t(lambda: {}.popitem())
t(lambda: {}.pop(1))
t(lambda: {[]: 1})
t(lambda: dict([(1, 2, 3)]))
kw = (lambda **k: k)(gamma=3, alpha=1, beta=2)
print(kw, list(kw))
d.clear()
print(d, len(d))
