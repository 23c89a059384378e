# Generators: send, yield from, return values, iterator protocol, genexps.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def relay():
    result = yield from countdown(3)
    yield result


print(list(relay()))


def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x


g = accumulator()
next(g)
print(g.send(5), g.send(10))


class Evens:
    def __init__(self, limit):
        self.i = 0
        self.limit = limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.limit:
            raise StopIteration
        self.i += 2
        return self.i


print(list(Evens(7)), sum(x * x for x in range(5)))
print(list(zip("abc", countdown(3))), list(enumerate(Evens(4), 1)))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
