# Decorators with and without arguments, stacked; lambdas; functions as values.
def trace(fn):
    def wrapper(*args, **kw):
        print("call", fn.__name__, args)
        return fn(*args, **kw)
    return wrapper


def times(n):
    def deco(fn):
        def run(x):
            for _ in range(n):
                x = fn(x)
            return x
        return run
    return deco


@trace
def add(a, b):
    return a + b


@times(3)
def double(x):
    return x * 2


@trace
@times(2)
def inc(x):
    return x + 1


print(add(2, 3), double(1), inc(5))
ops = {"+": lambda a, b: a + b, "*": lambda a, b: a * b}
print(ops["+"](3, 4), ops["*"](3, 4), (lambda *a: len(a))(1, 2, 3))
print(sorted([(1, "b"), (0, "z"), (1, "a")], key=lambda p: (p[0], p[1])))
