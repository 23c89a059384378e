# List, dict, set comprehensions, nested loops and conditions, walrus.
data = [3, 1, 4, 1, 5, 9, 2, 6]
print([x * 2 for x in data if x % 2])
print([(i, j) for i in range(3) for j in range(i)])
squares = {x: x * x for x in range(5)}
print(sorted(squares.items()))
print(sorted({x % 3 for x in data}))
print([[c for c in w] for w in ("ab", "cd")])
if (n := len(data)) > 5:
    print("long", n)
print([y for x in data if (y := x * 10) > 40])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
