# A native method taken from its type (list.append, dict.get) checks its first argument:
# a value of another type is a TypeError, never read as the wrong C struct. object's
# methods and subclasses of exceptions are accepted, as in MicroPython.
class A:
    def __init__(self):
        object.__init__(self)
        print("A ok")
A()
class X(Exception):
    def __init__(self, m):
        super().__init__(m)
print(repr(X("m")))
class L(list):
    pass
class E(dict):
    pass
l = L()
e = E(a=1)
tests = (
    lambda: dict.get(5, "x"),
    lambda: list.append("ab", 1),
    lambda: dict.get(e, "a"),
    lambda: list.append(l, 1),
    lambda: str.upper(b"x"),
    lambda: bytes.decode("x"),
    lambda: list(map(str.upper, ["a", "b"])),
    lambda: str.join(",", ["a", "b"]),
    lambda: dict.get({1: 2}, 1),
    lambda: int.to_bytes(True, 1, "big"),
    lambda: int.from_bytes(b"\x01", "big"),
    lambda: bytes.fromhex("4142"),
    lambda: set.add(frozenset(), 1),
)
for f in tests:
    try:
        print(f())
    except TypeError as ex:
        print("TypeError", ex)
print(callable(list.append), l, e)
