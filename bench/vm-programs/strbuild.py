# String building: concatenation, join, formatting, methods
def build(n):
    parts = []
    s = ""
    for i in range(n):
        parts.append(str(i))
        if i % 10 == 0:
            s += "x"
    t = ",".join(parts)
    u = "%d-%s" % (n, s[:5])
    return len(t) + len(s) + len(u) + len(t.upper().split(","))
print(build(3000))
