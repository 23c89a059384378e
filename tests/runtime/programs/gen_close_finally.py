# Generators: close() runs finally blocks, throw() reaches except, yield from forwards both
def g():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
x = g()
print(next(x))
x.close()
def inner():
    try:
        yield "a"
    except ValueError as e:
        print("inner caught", e)
        yield "b"
    return "done"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield "c"
o = outer()
print(next(o), o.throw(ValueError("boom")), next(o))
try:
    next(o)
except StopIteration:
    print("stopped")
