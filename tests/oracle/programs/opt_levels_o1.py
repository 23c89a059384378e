# mpycross: -O1
print(__debug__)
try:
    assert 1 == 2, "gone at -O1"
    print("no assert")
except AssertionError:
    print("assert ran")
print([i for i in range(3) if __debug__])
