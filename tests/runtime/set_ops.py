# set and frozenset: algebra, in-place updates, comparisons, hashing; printed sorted
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
a, b = {1, 2, 3, 4, 5}, {4, 5, 6, 7}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b), len(a), 3 in a, 9 not in a)
print(sorted(a.union([10])), sorted(a.intersection(range(3))), sorted(a.difference({1})), sorted(a.symmetric_difference([5, 9])))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a > a, a == {5, 4, 3, 2, 1}, a != b, set() == set())
print({1}.issubset([1, 2]), a.issuperset(range(1, 3)), a.isdisjoint({8}), a.isdisjoint(b))
c = set(a)
c |= {100}
c &= {1, 2, 100, 200}
c -= {1}
c ^= {2, 3}
print(sorted(c))
c.add(7)
c.discard(99)
c.remove(7)
c.update([1], {2})
print(sorted(c), sorted(c.copy()), c.copy().pop() in c, len(c))
c.difference_update({1})
c.intersection_update(range(200))
c.symmetric_difference_update({5})
print(sorted(c))
t(lambda: set().pop())
t(lambda: {1}.remove(2))
t(lambda: {1} | [2])
f = frozenset([3, 1, 2, 3])
print(sorted(f), len(f), type(f | {9}).__name__, type({9} | f).__name__, f == {1, 2, 3}, hash(f) == hash(frozenset([1, 2, 3])))
d = {frozenset([1, 2]): "pair", frozenset(): "empty"}
print(d[frozenset([2, 1])], d[frozenset()], sorted(frozenset("abca")), sorted(f.union(range(5, 7))))
t(lambda: f.add(1))
print(set(), frozenset(), set([3, 1, 2]), {"x"}, {(1, 2)})
seen, out = set(), []
for x in [5, 3, 5, 1, 3, 9, 1]:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out, sorted({x % 4 for x in range(20)}))
