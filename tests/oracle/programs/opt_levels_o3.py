# mpycross: -O3
# -O3 also drops line numbers: a traceback line would differ, so only the messages print.
def g(v):
    assert v
    if not __debug__:
        return "fast"
    return "slow"
print(g(0), g(1))
try:
    [][1]
except IndexError as e:
    print("IndexError", e)
