# Every def run makes a distinct function, even though the first one made of a code block
# costs no heap in our runtime (an immediate word): identity, equality, hashing, names.
def mk():
    def g(x):
        return x + 1
    return g

a = mk()
b = mk()
c = mk()
print(a is b, b is c, a == b, a is a, a == a)
print(a(1), b(2), c(3))
print(a.__name__, b.__name__, mk.__name__)
print(type(a).__name__, type(mk).__name__, callable(a))
d = {a: 1, b: 2, c: 3}
print(len(d), d[a], d[b], d[c])
s = {a, b, c, a}
print(len(s), a in s, mk in s)
fs = []
for i in range(4):
    def f(k=i):
        return k * 10
    fs.append(f)
print([f() for f in fs], fs[0] is fs[1])
gs = []
for i in range(3):
    def h():
        return 7
    gs.append(h)
print(gs[0] is gs[1], gs[1] is gs[2], [h() for h in gs])
print(str(a).startswith('<function g at 0x'), repr(mk).startswith('<function mk at 0x'))

def gen(n):
    for i in range(n):
        yield i * i

print(type(gen).__name__, list(gen(4)), gen is gen)
g1 = gen(2)
print(type(g1).__name__, next(g1), next(g1))

class K:
    def m(self):
        return 'm'
    @staticmethod
    def s():
        return 's'
    @classmethod
    def c(cls):
        return cls.__name__
    @property
    def p(self):
        return 'p'
    def __repr__(self):
        return 'K()'

k = K()
print(k.m(), K.s(), k.s(), K.c(), k.c(), k.p, repr(k))
print(K.m is K.m, k.m == k.m, K.m(k))
print(K.__dict__['m'] is K.m)

def outer():
    v = 5
    def inner():
        return v
    def plain():
        return 1
    return inner, plain

i1, p1 = outer()
i2, p2 = outer()
print(i1(), i2(), i1 is i2, p1 is p2, p1(), p2())
lam = [lambda: 1, lambda: 2]
print(lam[0](), lam[1](), lam[0] is lam[1])
print(sorted([3, 1, 2], key=lambda x: -x))
m = list(map(mk(), [1, 2]))
print(m)
print(getattr(mk, "__name__"), hash(mk) == hash(mk), hash(a) == hash(b))
