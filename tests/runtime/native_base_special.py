# Special methods a class inherits from its native base run on the native object: subscripts
# of dict and list subclasses, super() calls to the native special method, and hash()'s
# TypeError names the type as MicroPython does.
class D(dict):
    pass
d = D()
d["a"] = 1
print(d["a"], d.get("a"), len(d), d)
class E(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) * 2
    def __setitem__(self, k, v):
        super().__setitem__(k, v + 1)
e = E()
e["x"] = 5
print(e["x"], e.get("x"))
del e["x"]
print(len(e), "x" in e)
class L(list):
    pass
l = L([3, 1, 2])
print(l[0], l[-1], len(l), l[1:])
l[0] = 9
print(l, sorted(l))
del l[0]
print(l)
for v in ([], {}, set(), bytearray(b"x"), l, d):
    try:
        hash(v)
    except TypeError as ex:
        print(ex)
print(hash(()) == hash(()), hash((1, "a")) == hash((1, "a")), hash(1.0) == hash(1))
