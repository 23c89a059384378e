# Star-unpacking in assignments, for targets, calls and displays.
a, *b = [1, 2, 3]
print(a, b)
*a, b = (1, 2, 3)
print(a, b)
a, *b, c = range(6)
print(a, b, c)
a, *b, c = "xy"
print(a, b, c)
(a, b), *c = [(1, 2), 3, 4]
print(a, b, c)
[x, [y, *z]] = [1, [2, 3, 4]]
print(x, y, z)
for p, *q in [(1, 2, 3), (4,), (5, 6)]:
    print(p, q)
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], *(3,), 4, *range(2)))
print(f(b=2, **{"a": 1}))
t = 1, 2, 3
print(t)
first, *rest = t
print(first, rest)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError", e)
