# while/else, for/else, break/continue, chained comparisons, conditional expressions.
def classify(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"


print([classify(x) for x in (-2, 0, 5)])
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
else:
    print("no break")
print("i =", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print("prime", n)
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 != 6)
print(not x, x and 0, x or 0, None or "default")
assert x == 5, "x should be 5"
