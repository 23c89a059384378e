# sorting is stable (deliberately unlike MicroPython), with key and reverse; .exp from CPython
people = [("alice", 31), ("bob", 25), ("carol", 31), ("dave", 19), ("eve", 25)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(["b", "A", "c", "B", "a"], key=str.lower), sorted(["bb", "a", "cc", "d"], key=len, reverse=True))
nums = [9, 4, 7, 1, 8, 2, 5, 3, 6, 0] * 3
nums.sort(key=lambda n: n % 3)
print(nums)
big = [(i * 7919) % 101 for i in range(60)]
print(sorted(big) == sorted(big, reverse=True)[::-1], sorted(big)[:10], sorted(big, key=lambda v: -v)[:5])
pairs = [(i % 4, i) for i in range(20)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted([3.5, 1, 2.25, -1, True, False]), sorted([[2, 1], [1, 2], [1, 1], []]))
