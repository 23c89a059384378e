# Chained comparisons evaluate each operand once and stop early.
log = []
def v(x):
    log.append(x)
    return x
print(v(1) < v(2) < v(3), log)
log.clear()
print(v(3) < v(2) < v(1), log)
log.clear()
print(v(1) == v(1) != v(2) is not None, log)
log.clear()
print(v(1) < v(5) > v(2) >= v(2) <= v(9), log)
log.clear()
x = 5
print(0 < x < 10, 0 < x > 10, 1 <= x <= 5 <= 5)
print(1 in [1, 2] not in [[1]], "a" < "b" < "c")
r = [i for i in range(10) if 2 < i <= 6]
print(r)
print(not 1 < 2 < 3, (1 < 2) < 3)
a = b = 3
print(a is b is not None, a == b == 3.0)
