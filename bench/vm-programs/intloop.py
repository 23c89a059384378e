# Loops over ints: while, for over range, augmented assignment, comparisons
def run(n):
    total = 0
    i = 0
    while i < n:
        total += i * 3 % 7
        i += 1
    for j in range(n):
        if j & 1:
            total -= j >> 2
    return total
print(run(30000))
