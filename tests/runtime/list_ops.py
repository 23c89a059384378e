# lists: mutation, slicing with steps, slice assignment and deletion, methods, comparisons
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
a = list(range(10))
print(a[2:5], a[::2], a[::-1], a[8:2:-2], a[-3:], a[:-7], a[100:], a[-100:2], a[5:2], a[::-3], a[-2::-4])
b = a[:]
b[2:4] = ["x", "y", "z"]
b[:1] = []
b[-2:] = [100]
b[3:3] = [7, 7]
b[len(b):] = (5,)
print(b)
b[1:4] = b
print(b)
c = list(range(10))
del c[2:5]
del c[1:2]
del c[-1]
print(c)
c[:] = ["a", "b", "c"]
c *= 2
print(c, c.index("b"), c.index("b", 2), c.count("a"))
c.insert(0, "first")
c.insert(-1, "mid")
c.insert(100, "last")
print(c, c.pop(), c.pop(0), c.pop(-2), c)
c.remove("a")
c.reverse()
print(c, len(c), "b" in c, "q" not in c)
c.extend(range(2))
c += [9]
c.append([1])
print(c, c.copy() == c, c.copy() is c)
c.clear()
print(c, [] == [], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [1] == [1.0], [0] * 3, [[0]] * 2)
t(lambda: [].pop())
t(lambda: [1].remove(2))
t(lambda: [1].index(2))
t(lambda: [1][5])
t(lambda: [1][1.0])
t(lambda: [1] < "a")
t(lambda: [1] + (2,))
x = [3, 1, 2]
x.sort()
y = sorted([3, 1, 2], reverse=True)
print(x, y, sorted("bca"), sorted((2, 1)), sorted({"b": 1, "a": 2}), sorted([1, 2], key=lambda v: -v))
nested = [[r * 3 + c for c in range(3)] for r in range(3)]
print(nested, [row[1] for row in nested], list(zip(*nested)))
