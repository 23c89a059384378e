# Unbounded recursion ends in RuntimeError, and the VM keeps working afterwards
def down(n):
    return down(n + 1)
try:
    down(0)
except RuntimeError as e:
    print("RuntimeError", e)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(100))
