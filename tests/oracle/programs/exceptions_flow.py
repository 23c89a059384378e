# try/except/else/finally, raise from, custom exceptions, with.
class AppError(Exception):
    pass


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return t is KeyError


def risky(n):
    if n == 0:
        raise AppError("zero")
    if n == 1:
        raise KeyError(n)
    return 10 // (n - 2)


for n in range(4):
    try:
        r = risky(n)
    except AppError as e:
        print("app", e)
    except ZeroDivisionError:
        print("div")
    except KeyError as e:
        print("key", e)
    else:
        print("ok", r)
    finally:
        print("done", n)

with Resource("a") as res:
    print("inside", res.name)
with Resource("b"):
    raise KeyError("swallowed")
print("after with")


def finally_return():
    try:
        return "try"
    finally:
        print("finally runs")


print(finally_return())
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("loop", i)
    finally:
        print("fin", i)
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise AppError("outer")
except AppError as e:
    print("caught", type(e).__name__, e.args)
