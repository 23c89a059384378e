# The gc module: collect returns None, mem_alloc/mem_free track big lists, enable/disable
# (disabled, a full heap raises MemoryError) and threshold (a collection every n bytes).
# The collector is conservative: a stale word on the stack may pin one dead list, so the
# drop is checked over several lists, after a throwaway allocation of the same size.
# (The reference webassembly port only collects between runPython calls, so this .exp is
# what a bare-metal MicroPython port prints, not what tests/oracle's VM prints.)
import gc


def mk():
    return [None] * 500


print(gc.collect())
total = gc.mem_alloc() + gc.mem_free()
print(type(gc.mem_alloc()), type(gc.mem_free()), gc.mem_alloc() > 0, gc.mem_free() > 0)
gc.collect()
before = gc.mem_alloc()
big = [mk() for i in range(6)]
grown = gc.mem_alloc()
print("grows", grown - before >= 6 * 500 * 4)
print("constant", gc.mem_alloc() + gc.mem_free() == total)
del big
for i in range(3):
    mk()
gc.collect()
after = gc.mem_alloc()
print("drops", grown - after >= 4 * 500 * 4)
print("constant", gc.mem_alloc() + gc.mem_free() == total)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
# Disabled, a full heap raises MemoryError instead of collecting; enabled again, the same
# allocations succeed (their garbage is collected).
gc.collect()
try:
    for i in range(100000):
        junk = [i] * 100
    print("disabled", "no error")
except MemoryError:
    print("disabled", "MemoryError")
junk = None
gc.enable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.enable(), gc.disable(), gc.isenabled())
gc.enable()
print(gc.mem_alloc() + gc.mem_free() == total)
for i in range(100000):
    junk = [i] * 100
print("enabled", "ok")
# threshold(n): a collection after every n bytes allocated, so garbage stays bounded.
print(gc.threshold())
gc.collect()
base = gc.mem_alloc()
gc.threshold(2048)
print(gc.threshold())
peak = 0
for i in range(200):
    junk = [i] * 50
    peak = max(peak, gc.mem_alloc() - base)
print("threshold bounds", peak < 4096)
gc.threshold(-1)
print(gc.threshold())
peak = 0
for i in range(200):
    junk = [i] * 50
    peak = max(peak, gc.mem_alloc() - base)
print("no threshold grows", peak > 8192)
