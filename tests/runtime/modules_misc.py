# collections (namedtuple, deque, OrderedDict), math, micropython and sys basics
from collections import namedtuple, deque, OrderedDict
import math, micropython, sys
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
P = namedtuple("P", ["x", "y"])
p = P(3, y=4)
print(p, p.x, p[1], len(p), p == (3, 4), isinstance(p, tuple))
C = namedtuple("C", "r g b")
c = C(1, 2, 3)
x, y, z = c
print(c, list(c), sum(c), "%d-%d-%d" % c, c > C(1, 2, 2), type(c).__name__, z)
t(lambda: P(1))
t(lambda: P(1, 2, 3))
def setx():
    p.x = 5
t(setx)
q = deque((), 3)
for v in [1, 2, 3, 4]:
    q.append(v)
q.appendleft(0)
print(list(q), len(q), q[0], q[-1], bool(q), q.pop(), q.popleft(), list(q))
q.extend([7, 8])
print(list(q), [v * 2 for v in q])
t(lambda: deque((), 2).pop())
od = OrderedDict([("b", 1), ("a", 2)])
od["c"] = 3
print(od, list(od), od.popitem(), isinstance(od, dict))
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), type(math.floor(2.0)).__name__, math.fabs(-3))
print(round(math.pi, 5), round(math.e, 5), math.inf > 1e308, math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1.0))
print(math.factorial(20), math.factorial(25), math.pow(2, 10), math.copysign(3, -0.0), math.fmod(-7, 3), math.ldexp(0.5, 4))
print(math.modf(2.5), math.frexp(8.0), round(math.log(8, 2), 9), round(math.log10(1000), 9), round(math.log2(1024), 9))
print(round(math.sin(math.pi / 6), 9), round(math.atan2(1, 1), 9), round(math.degrees(math.pi), 9), round(math.radians(180), 9))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1), round(math.gamma(5), 6))
t(lambda: math.sqrt(-1))
t(lambda: math.log(0))
t(lambda: math.factorial(-1))
t(lambda: math.acos(2))
print(micropython.const(7), micropython.opt_level() >= 0)
print(sys.implementation.name, type(sys.argv).__name__, type(sys.path).__name__, sys.byteorder, sys.version_info[0])
print(sys.maxsize >= 2 ** 31 - 1, sys.stdout.write("out\n") > 0, type(sys.modules).__name__)
try:
    sys.exit(3)
except SystemExit as e:
    print("exit", e.args)
