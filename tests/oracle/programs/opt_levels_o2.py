# mpycross: -O2
# -O2: asserts vanish, __debug__ is False and folds away its branches.
print(__debug__)
n = 0
def bump():
    global n
    n += 1
    return False
assert bump(), "never evaluated under -O2"
print("after assert", n)
if __debug__:
    print("debug branch")
else:
    print("optimised branch")
while __debug__:
    print("never")
    break
x = 5 if __debug__ else 6
print(x)
def f(a):
    assert a > 0
    return a * 2
print(f(-3))
