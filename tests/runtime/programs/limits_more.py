# The memory guarantees beyond the basic cases: one huge allocation, exhaustion inside
# nested calls and while building a dict or a str, each caught as MemoryError with the heap
# usable again; recursion through methods, special methods and generators ends in
# RuntimeError: maximum recursion depth exceeded, and the VM carries on. The heap is used
# again right after each MemoryError, inside try_mem (the collector scans the C stack
# conservatively: a stale word further down could keep the lost structure alive).
def try_mem(label, f):
    try:
        f()
        print(label, "no error")
    except MemoryError:
        print(label, "MemoryError", len([i * i for i in range(1000)]))
try_mem("huge list", lambda: [0] * 100000000)
try_mem("huge bytearray", lambda: bytearray(2000000000))
def fill_dict():
    d = {}
    i = 0
    while True:
        d[i] = str(i) * 3
        i += 1
try_mem("dict", fill_dict)
def grow_str():
    s = "ab"
    while True:
        s = s + s
try_mem("str", grow_str)
def nested(n):
    if n == 0:
        keep = []
        while True:
            keep.append((1, 2, 3))
    return nested(n - 1)
try_mem("nested", lambda: nested(20))
print(len([i * i for i in range(1000)]), sum(range(100)))
def try_rec(label, f):
    try:
        f()
        print(label, "no error")
    except RuntimeError as e:
        print(label, "RuntimeError:", e)
class Node:
    def walk(self):
        return self.walk()
    def __repr__(self):
        return repr(self)
try_rec("method", lambda: Node().walk())
# A Python function called from native code (repr -> __repr__) gets its frame from the
# heap: a small heap may run out before the stack does (MicroPython's unix port uses alloca).
try:
    repr(Node())
except (RuntimeError, MemoryError):
    print("repr stopped cleanly")
def gen(n):
    yield from gen(n + 1)
# Each generator's frame is on the heap: in a small heap it runs out before the stack does.
try:
    list(gen(0))
except (RuntimeError, MemoryError):
    print("generator stopped cleanly")
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try_rec("mutual", lambda: mutual_a(0))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(30))
