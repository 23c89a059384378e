# Defaults read from names a body set to a constant: the freezer expects the constant,
# and every way the name can hold something else by the time the def runs must win.
X = 1


def bump():
    global X
    X = 5


bump()


def f(a=X):
    return a


print("changed by a call:", f())

A = 4
B = A


def g(b=B, c=A):
    return b, c


print("chained:", g())

V = 7
globals()["V"] = 8


def h(v=V):
    return v


print("through globals():", h())

W = 1
if len(__name__) > 0:
    W = 2


def w(x=W):
    return x


print("reassigned under an if:", w())

Z = 3
del Z
try:

    def z(q=Z):
        return q

except NameError as e:
    print("deleted:", type(e).__name__)

Y = 1


class D:
    Y = 2
    ADDR = 0x20

    def m(self, y=Y, addr=ADDR):
        return y, addr

    ADDR = 0x21

    def n(self, addr=ADDR, glob=X):
        return addr, glob


print("class body:", D().m(), D().n())


class E:
    def m(self, y=Y):
        return y


print("from the module in a class body:", E().m())


def make(k):
    def inner(v=X):
        return v + k

    return inner


p, q = make(1), make(2)
print("nested, made twice:", p(), q(), p is q)
N = None
T = True
S = "str"


def consts(n=N, t=T, s=S, i=-3):
    return n, t, s, i


print("kinds:", consts())
for X in range(3):

    def loop(x=X):
        return x

    print("loop:", loop())
G = 0.25


def objects(f=1.5, g=G, b=b"\x01\x02", t=(1, "two", None), e=-0.0):
    return f, g, b, t, e


print("objects in flash:", objects(), objects(2))
print("the same objects:", objects()[0] is objects()[0], objects()[3] is objects()[3])
G = 0.5


def later(g=G):
    return g


print("a float changed:", later())
