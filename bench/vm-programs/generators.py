# Generators: yield, yield from, generator expressions, iteration protocols
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
def evens(n):
    for x in count(n):
        if x % 2 == 0:
            yield x
def chain(n):
    yield from evens(n)
    yield from count(n // 2)
def run(n):
    t = sum(x * x for x in chain(n))
    t += sum(1 for _ in zip(count(n), evens(n)))
    return t
print(run(10000))
