# The gc module: collect returns None, mem_alloc/mem_free track big lists, enable/disable.
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
# Disabled, an allocation that finds no room still collects (there is no other trigger).
x = [[i] for i in range(200)]
print(len(x), gc.collect())
gc.enable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.enable(), gc.disable(), gc.isenabled())
gc.enable()
print(gc.mem_alloc() + gc.mem_free() == total)
