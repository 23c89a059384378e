# tuples, ranges and slices
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
tu = (1, 2, 3, 2, 1)
print(tu, len(tu), tu[0], tu[-1], tu[1:4], tu.count(2), tu.index(3), tu.index(2, 2), (), (1,), (1, 2) + (3,), (0,) * 3)
print(tuple([4, 5]), tuple("ab"), tuple(range(3)), 1 in tu, (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (1, 2) == (1, 2), (1,) == [1])
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "a"}[(1, 2)], max(tu), min(tu), sum(tu), sorted(tu), tuple(reversed(tu)))
t(lambda: tu[5])
t(lambda: tu.index(9))
t(lambda: tu[::2])
t(lambda: (1,) + [2])
r = range(10)
print(r, range(1, 10, 2), len(r), r[0], r[-1], list(r), list(range(3, 8)), list(range(10, 0, -3)), list(range(0)))
print(5 in r, 10 in r, -1 in range(-5, 0), 2.0 in r, range(0, 10, 2)[2], range(1, 20, 4)[1:3], range(10)[::-1][:3])
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 1)), sum(range(101)), list(reversed(range(4))))
rr = range(1, 10, 2)
print(rr.start, rr.stop, rr.step, range(3) == range(3))
t(lambda: range(1, 5, 0))
t(lambda: range(1.5))
t(lambda: r[10])
s = [0][0:1] and None
print([0, 1, 2, 3, 4, 5][1:5], "abcdef"[2:4], [0, 1, 2, 3][-100:100], "abc"[-1:])
