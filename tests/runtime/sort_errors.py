# A sort that meets two incomparable items raises TypeError naming their types in
# MicroPython's order (its quicksort compares an earlier item with a later one).
for l in ([1, "a"], ["a", 1], [3, None, 1], [1, 2, 3, "x"], ["x", 1, 2, 3],
          [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "z"], [2.5, "b"]):
    try:
        sorted(l)
    except TypeError as e:
        print(e)
    try:
        l.sort()
    except TypeError as e:
        print("sort", e)
for l in ([1, "a"], ["a", 1]):
    try:
        sorted(l, reverse=True)
    except TypeError as e:
        print("reverse", e)
try:
    sorted([1, "a"], key=lambda x: x)
except TypeError as e:
    print("key", e)
class K:
    def __lt__(self, other):
        raise TypeError("K refuses")
try:
    sorted([K(), K()])
except TypeError as e:
    print(e)
l = [3, 1, 2]
l.sort()
print(l, sorted("cab"), sorted([3, 1, 2], reverse=True))
