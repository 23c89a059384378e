# The first function made of a code block with positional defaults keeps them in its
# module's defaults store (runtime/rawcode.c), later ones in their own heap object: every
# form must see its own defaults, by position, by keyword, and mixed with the other kinds.
def mk(k):
    def g(a, b=k, c='x'):
        return (a, b, c)
    return g

fs = [mk(i) for i in range(3)]
print([f(0) for f in fs], [f(1, c='y') for f in fs], fs[0](2, 3, 4))
print(fs[0] is fs[1], fs[0] == fs[0])

def one(a, b=[]):
    b.append(a)
    return len(b)
print(one(1), one(2), one(3, []), one(4))

def kw(a, b=2, *, c=3, d):
    return a + b + c + d
print(kw(1, d=4), kw(1, 1, c=1, d=1))

def star(a=1, *args, **kw):
    return (a, args, sorted(kw))
print(star(), star(5, 6, x=1))

def gen(n, step=2):
    for i in range(0, n, step):
        yield i
print(list(gen(7)), list(gen(7, 3)))

class C:
    def m(self, v=10):
        return v + 1
    @staticmethod
    def s(v=20):
        return v
    @classmethod
    def c(cls, v=30):
        return (cls.__name__, v)
o = C()
print(o.m(), o.m(1), C.m(o), C.s(), C.s(2), C.c(), o.c(3))

def outer():
    x = 5
    def inner(y=7):
        return x + y
    return inner
print(outer()(), outer()(1))

lam = lambda p, q=3: p * q
print(lam(2), lam(2, 4))

def none_default(a=None, b=True, c=-1, d=1.5, e=(1, 2), f=10 ** 20):
    return (a, b, c, d, e, f)
print(none_default(), none_default(0))
try:
    one()
except TypeError as e:
    print('TypeError', e)
