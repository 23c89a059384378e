# Lists, tuples, dicts, sets: methods and slicing.
l = list(range(10))
print(l[2:5], l[::-1], l[1:8:3], l[-3:])
l[2:4] = ["a", "b", "c"]
del l[0]
l.insert(1, "ins")
l.append(99)
print(l, l.index("b"), l.pop(), len(l))
t = (1, 2, 3) + (4,)
print(t, t[1:], t * 2, 3 in t, t.count(2))
d = {"one": 1}
d["two"] = 2
d.update({"three": 3})
print(sorted(d), d.get("four", 4), d.pop("one"), len(d), "two" in d)
s = {1, 2, 3}
s.add(4)
s.discard(1)
print(sorted(s), sorted(s | {9}), sorted(s & {2, 3, 7}), sorted(s - {2}))
words = ["pear", "fig", "banana", "kiwis"]
words.sort(key=len)
print(words, sorted(words, reverse=True))
a, *rest = [1, 2, 3, 4]
first, (second, third) = "x", (2, 3)
print(a, rest, first, second, third)
