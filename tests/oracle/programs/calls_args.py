# Positional, keyword, *args, **kwargs, keyword-only, defaults.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))
args = (10, 20)
kwargs = {"c": 30}
print(f(*args, **kwargs))


def g(*, k):
    return k


print(g(k="kw"))
try:
    g(1)
except TypeError as e:
    print("TypeError")


def h(x, y):
    return x - y


print(h(y=1, x=10), h(*(5, 3)))
print(list(map(lambda p, q: p * q, [1, 2, 3], [4, 5, 6])))
