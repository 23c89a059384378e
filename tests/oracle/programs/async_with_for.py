# async with / async for / await driven by hand (no asyncio event loop).
class Yield:
    def __iter__(self):
        yield "tick"
        return 7
    __await__ = __iter__
class ACM:
    def __init__(self, tag):
        self.tag = tag
    async def __aenter__(self):
        print("enter", self.tag)
        await Yield()
        return self.tag * 2
    async def __aexit__(self, t, v, tb):
        print("exit", self.tag, t.__name__ if t else None)
        return self.tag == "s"
class ARange:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        v = await Yield()
        return self.i * v
async def main():
    async with ACM("a") as x:
        print("body", x)
    async with ACM("s"):
        raise ValueError("swallowed")
    total = 0
    async for v in ARange(3):
        total += v
        if v > 100:
            break
    else:
        print("for else", total)
    async for v in ARange(5):
        if v == 14:
            break
        print("v", v)
    try:
        async with ACM("b") as y, ACM("c") as z:
            print(y, z)
            raise KeyError("k")
    except KeyError as e:
        print("caught", e)
    return total
def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks
print(run(main()))
