# Closures, nonlocal, global, default arguments evaluated once.
counter = 0


def bump():
    global counter
    counter += 1
    return counter


def make_acc(start):
    total = start

    def add(x, scale=2):
        nonlocal total
        total += x * scale
        return total

    return add


acc = make_acc(10)
print(acc(1), acc(2), acc(3, scale=1))
print(bump(), bump(), counter)


def outer():
    fs = []
    for i in range(3):
        fs.append(lambda i=i: i * 10)
    return [f() for f in fs]


print(outer())


def deep(a):
    def mid(b):
        def inner(c):
            return a + b + c
        return inner
    return mid


print(deep(1)(2)(3))
