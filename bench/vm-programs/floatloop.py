# Loops over floats: arithmetic producing a new float on every step
def integrate(n):
    h = 1.0 / n
    s = 0.0
    x = 0.0
    for i in range(n):
        s += 4.0 / (1.0 + x * x)
        x += h
    return s * h
print(round(integrate(20000), 6))
