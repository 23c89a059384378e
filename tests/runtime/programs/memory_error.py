# Exhausting the heap raises MemoryError, which can be caught; the heap is usable after
def grow():
    big = []
    while True:
        big.append([0] * 1000)
try:
    grow()
except MemoryError:
    print("MemoryError caught")
print(sum([1, 2, 3]))
