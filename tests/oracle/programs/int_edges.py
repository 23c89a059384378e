# Ints at the small-int edges of 32- and 64-bit targets: frozen, the ones past an edge
# are objects in flash, the ones inside stay small ints.
A = -(2 ** 62)
B = -(2 ** 62) - 1
C = 2 ** 62
D = 2 ** 62 - 1
E = -(2 ** 30)
F = -(2 ** 30) - 1
G = 2 ** 30
H = 2 ** 30 - 1
I = -(2 ** 64)
J = 2 ** 64
print(A, B, C, D, E, F, G, H, I, J)
print(A + 1, B + 1, C - 1, D + 1, E + 1, F + 1, G - 1, H + 1, I + 1, J - 1)
