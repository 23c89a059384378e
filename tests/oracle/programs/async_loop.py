# async def / await / async with / async for, driven by a tiny hand-written loop.
class Sleep:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            yield i
        return self.n

    __await__ = __iter__


class Lock:
    async def __aenter__(self):
        print("acquire")
        return self

    async def __aexit__(self, *args):
        print("release")


class Ticker:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Sleep(1)
        return self.i


async def worker(name, n):
    total = await Sleep(n)
    async with Lock():
        print(name, "holds lock")
    async for t in Ticker(2):
        print(name, "tick", t)
    return name + str(total)


def run(coros):
    results = []
    steps = 0
    while coros:
        for c in list(coros):
            try:
                c.send(None)
                steps += 1
            except StopIteration as e:
                results.append(e.value)
                coros.remove(c)
    return results, steps


print(run([worker("a", 2), worker("b", 1)]))
